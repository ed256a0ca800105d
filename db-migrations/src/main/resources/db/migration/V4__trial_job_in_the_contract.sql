-- The trial job moved from the worker node into the contract module both sides depend on. Quartz stores the job's
-- class name and instantiates it by that name on whichever node fires it.
UPDATE qrtz_job_details
   SET job_class_name = 'io.fairtune.contract.job.TrialJob'
 WHERE job_class_name = 'io.fairtune.worker.node.RunTrialJob';
