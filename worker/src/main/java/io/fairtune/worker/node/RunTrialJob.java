package io.fairtune.worker.node;

import java.util.concurrent.atomic.AtomicBoolean;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of one trial. Its JobDataMap holds the trial id only (as a string: the job store runs with
 * {@code useProperties=true}); everything else comes from the service when the attempt is claimed.
 */
public class RunTrialJob implements InterruptableJob {

    public static final String TRIAL_ID = "trialId";
    public static final String GROUP = "trials";

    private final TrialExecutor executor;
    private final AtomicBoolean interrupted = new AtomicBoolean(false);

    public RunTrialJob(TrialExecutor executor) {
        this.executor = executor;
    }

    @Override
    public void execute(JobExecutionContext context) {
        long trialId = Long.parseLong(context.getMergedJobDataMap().getString(TRIAL_ID));
        executor.run(trialId, interrupted::get);
    }

    @Override
    public void interrupt() {
        interrupted.set(true);
    }

    public static String jobName(long trialId) {
        return "trial-" + trialId;
    }
}
