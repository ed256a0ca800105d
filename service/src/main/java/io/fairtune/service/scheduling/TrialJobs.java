package io.fairtune.service.scheduling;

import io.fairtune.contract.catalog.TrainerNames;
import io.fairtune.contract.job.TrialJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts trials into the clustered Quartz store, one job per trial, under the scheduler name of the trainer that runs
 * it ({@link TrialSchedulers}), so only nodes that have the trainer ever fire it. Called inside the caller's
 * transaction: the job store shares the Spring-managed connection, so a trial is QUEUED exactly when its job is
 * committed. {@code trainer} is the study's external trainer, null for the built-in one.
 */
@Component
public class TrialJobs {

    private final TrialSchedulers schedulers;
    private final JdbcTemplate jdbc;

    TrialJobs(TrialSchedulers schedulers, JdbcTemplate jdbc) {
        this.schedulers = schedulers;
        this.jdbc = jdbc;
    }

    /**
     * True when a trigger of the trainer's pool is due and waits for a free node: a slot that goes to it first keeps
     * the queue's order. Read from the job store's table, in the caller's transaction, since Quartz's API would list
     * every trigger key of the pool.
     */
    public boolean anyDue(String trainer) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from qrtz_triggers where sched_name = ? and trigger_state = 'WAITING'"
                        + " and next_fire_time <= ?)",
                Boolean.class,
                TrainerNames.schedulerName(schedulers.trialsSchedulerName(), trainer),
                System.currentTimeMillis()));
    }

    /** Schedules the trial to run as soon as a slot is free; adds a trigger if its job already exists. */
    public void schedule(long trialId, String trainer) {
        schedule(trialId, trainer, Duration.ZERO);
    }

    /** Schedules the trial to run once {@code delay} has passed (a retry after lost attempts backs off). */
    public void schedule(long trialId, String trainer, Duration delay) {
        Scheduler scheduler = schedulers.of(trainer);
        JobKey key = JobKey.jobKey(TrialJob.jobName(trialId), TrialJob.GROUP);
        // Ignoring misfires keeps a backlog acquirable in submission order instead of rewriting it in batches.
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(TrialJob.jobName(trialId) + "-" + UUID.randomUUID(), TrialJob.GROUP)
                .forJob(key)
                .startAt(Date.from(Instant.now().plus(delay)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionIgnoreMisfires())
                .build();
        try {
            if (scheduler.checkExists(key)) {
                scheduler.scheduleJob(trigger);
            } else {
                JobDetail job = JobBuilder.newJob(TrialJob.class)
                        .withIdentity(key)
                        .usingJobData(TrialJob.TRIAL_ID, Long.toString(trialId))
                        // A node that dies mid-trial has it re-fired elsewhere; the attempt API fences the old run.
                        .requestRecovery(true)
                        .build();
                scheduler.scheduleJob(job, trigger);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule trial " + trialId, e);
        }
    }

    /**
     * Makes the trial's job fire once, no sooner than {@code delay} from now: a trigger still waiting is replaced,
     * so a backoff holds whatever was queued before.
     */
    public void scheduleNoSooner(long trialId, String trainer, Duration delay) {
        Scheduler scheduler = schedulers.of(trainer);
        JobKey key = JobKey.jobKey(TrialJob.jobName(trialId), TrialJob.GROUP);
        try {
            for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
                if (scheduler.getTriggerState(trigger.getKey()) == Trigger.TriggerState.NORMAL) {
                    scheduler.unscheduleJob(trigger.getKey());
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot reschedule trial " + trialId, e);
        }
        schedule(trialId, trainer, delay);
    }

    /** True when a trigger of the trial's job is still waiting to fire. */
    public boolean waiting(long trialId, String trainer) {
        Scheduler scheduler = schedulers.of(trainer);
        JobKey key = JobKey.jobKey(TrialJob.jobName(trialId), TrialJob.GROUP);
        try {
            for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
                Trigger.TriggerState state = scheduler.getTriggerState(trigger.getKey());
                if (state == Trigger.TriggerState.NORMAL || state == Trigger.TriggerState.BLOCKED) {
                    return true;
                }
            }
            return false;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the job of trial " + trialId, e);
        }
    }

    public void remove(long trialId, String trainer) {
        try {
            schedulers.of(trainer).deleteJob(JobKey.jobKey(TrialJob.jobName(trialId), TrialJob.GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot remove the job of trial " + trialId, e);
        }
    }
}
