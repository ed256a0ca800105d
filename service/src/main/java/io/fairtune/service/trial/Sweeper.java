package io.fairtune.service.trial;

import io.fairtune.contract.catalog.TrainerNames;
import io.fairtune.contract.job.TrialJob;
import io.fairtune.service.study.Study;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quartz has no job-level liveness: a hung trial on a live node is never recovered. The sweeper marks
 * attempts without a report for the heartbeat timeout (PostgreSQL's clock) as LOST and queues their trials
 * again (with backoff) until {@code maxAttemptsPerTrial}, after which they end LOST, never charged to the arm. A transaction-scoped advisory lock makes one service replica sweep
 * at a time, so this needs no scheduler of its own.
 */
@Component
class Sweeper {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);
    private static final long SWEEP_LOCK = 0x4641495254554e45L; // "FAIRTUNE"

    private final AttemptRepository attempts;
    private final TrialRepository trials;
    private final TrialQueue queue;
    private final JdbcTemplate jdbc;
    private final Duration heartbeatTimeout;
    private final String schedulerName;
    private final AttemptMetrics metrics;

    private final Clock clock;

    Sweeper(
            AttemptRepository attempts,
            TrialRepository trials,
            TrialQueue queue,
            JdbcTemplate jdbc,
            @Value("${fairtune.heartbeat-timeout}") Duration heartbeatTimeout,
            @Value("${spring.quartz.scheduler-name}") String schedulerName,
            AttemptMetrics metrics,
            Clock clock) {
        this.clock = clock;
        this.metrics = metrics;
        this.attempts = attempts;
        this.trials = trials;
        this.queue = queue;
        this.jdbc = jdbc;
        this.heartbeatTimeout = heartbeatTimeout;
        this.schedulerName = schedulerName;
    }

    @Scheduled(fixedDelayString = "${fairtune.sweep-interval}", initialDelayString = "${fairtune.sweep-interval}")
    @Transactional
    public void sweep() {
        Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, SWEEP_LOCK);
        if (!Boolean.TRUE.equals(locked)) {
            return;
        }
        for (Attempt silent : attempts.findSilentSince(heartbeatTimeout.toMillis() / 1000.0)) {
            Trial trial = trials.findById(silent.trialId()).orElseThrow();
            Study study = queue.lockStudy(trial.studyId());
            trials.lockById(trial.id());
            silent.end(AttemptStatus.LOST, "no report for " + heartbeatTimeout.toSeconds() + " s", now());
            metrics.lost("heartbeat");
            metrics.ended(AttemptStatus.LOST, silent.startedAt(), now());
            if (trial.status() == TrialStatus.RUNNING && trial.attempts() == silent.number()) {
                log.warn("Trial {} attempt {} lost (worker {})", trial.id(), silent.number(), silent.worker());
                queue.attemptLost(study, trial);
            }
            queue.advance(study);
        }
        // A job that ended without claiming (the service was unreachable through every retry) consumed its
        // trigger and left its trial QUEUED with nothing to fire it: give it a new trigger. A trigger waiting in
        // its trainer's pool, even one that no worker has, is not missing (TrainerNames keeps the two names alike).
        for (Long trialId : jdbc.queryForList(
                "select t.id from trial t join study s on s.id = t.study_id where t.status = 'QUEUED'"
                        + " and not exists (select 1 from qrtz_triggers q where q.sched_name = case when s.trainer"
                        + " is null then ? else ? || s.trainer end"
                        + " and q.job_group = ? and q.job_name = 'trial-' || t.id)",
                Long.class,
                schedulerName,
                TrainerNames.poolPrefix(schedulerName),
                TrialJob.GROUP)) {
            Trial trial = trials.findById(trialId).orElseThrow();
            Study study = queue.lockStudy(trial.studyId());
            if (trials.lockById(trialId)
                    .map(t -> t.status() == TrialStatus.QUEUED)
                    .orElse(false)) {
                log.warn("Trial {} was queued without a trigger; scheduling it again", trialId);
                queue.retrigger(study, trial);
            }
        }
        // Only studies that can move on: room in their queue and pending trials, or nothing left to run.
        for (Long studyId : jdbc.queryForList(
                "select s.id from study s where s.status in ('TUNING', 'FINAL_PHASE') and ("
                        + " (exists (select 1 from trial t where t.study_id = s.id and t.status = 'PENDING')"
                        + "  and (select count(*) from trial t where t.study_id = s.id"
                        + "       and t.status in ('QUEUED', 'RUNNING')) < s.max_parallel_trials)"
                        + " or not exists (select 1 from trial t where t.study_id = s.id"
                        + "       and t.status in ('PENDING', 'QUEUED', 'RUNNING')))",
                Long.class)) {
            queue.advance(queue.lockStudy(studyId));
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
