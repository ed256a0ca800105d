package io.fairtune.contract.job;

import java.util.concurrent.atomic.AtomicBoolean;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of one trial, scheduled by the service and fired on a worker node. Its JobDataMap holds the trial
 * id only (as a string: the job store runs with {@code useProperties=true}); everything else comes from the service
 * when the attempt is claimed. Quartz stores this class's name in {@code qrtz_job_details}: a rename needs a
 * migration.
 */
public class TrialJob implements InterruptableJob {

    public static final String TRIAL_ID = "trialId";
    public static final String GROUP = "trials";

    private final TrialSlot slot;
    private final AtomicBoolean interrupted = new AtomicBoolean(false);

    public TrialJob(TrialSlot slot) {
        this.slot = slot;
    }

    @Override
    public void execute(JobExecutionContext context) {
        long trialId = Long.parseLong(context.getMergedJobDataMap().getString(TRIAL_ID));
        slot.run(trialId, interrupted::get);
    }

    @Override
    public void interrupt() {
        interrupted.set(true);
    }

    /** The job's name: {@code trial-<id>} in group {@link #GROUP}. */
    public static String jobName(long trialId) {
        return "trial-" + trialId;
    }
}
