package io.fairtune.service.trial;

import io.fairtune.service.study.Study;
import io.fairtune.service.study.StudyRepository;
import io.fairtune.service.study.StudyStatus;
import java.time.Duration;
import java.util.List;
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
 * again until {@code maxAttemptsPerTrial}. A transaction-scoped advisory lock makes one service replica sweep
 * at a time, so this needs no scheduler of its own.
 */
@Component
class Sweeper {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);
    private static final long SWEEP_LOCK = 0x4641495254554e45L; // "FAIRTUNE"

    private final AttemptRepository attempts;
    private final TrialRepository trials;
    private final StudyRepository studies;
    private final TrialQueue queue;
    private final JdbcTemplate jdbc;
    private final Duration heartbeatTimeout;

    Sweeper(
            AttemptRepository attempts,
            TrialRepository trials,
            StudyRepository studies,
            TrialQueue queue,
            JdbcTemplate jdbc,
            @Value("${fairtune.heartbeat-timeout}") Duration heartbeatTimeout) {
        this.attempts = attempts;
        this.trials = trials;
        this.studies = studies;
        this.queue = queue;
        this.jdbc = jdbc;
        this.heartbeatTimeout = heartbeatTimeout;
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
            silent.end(AttemptStatus.LOST, "no report for " + heartbeatTimeout.toSeconds() + " s");
            if (trial.status() == TrialStatus.RUNNING && trial.attempts() == silent.number()) {
                if (trial.attempts() >= study.maxAttemptsPerTrial()) {
                    trial.fail("no attempt left: " + trial.attempts() + " attempts were lost", null);
                } else {
                    queue.requeue(trial);
                }
                log.warn("Trial {} attempt {} lost (worker {})", trial.id(), silent.number(), silent.worker());
            }
            queue.advance(study);
        }
        // Studies whose queue stalled (a crash between commit and scheduling cannot happen, but a manual
        // repair or an older version could leave one) are moved on here as well.
        List<Study> open = studies.findByStatusIn(List.of(StudyStatus.TUNING, StudyStatus.FINAL_PHASE));
        for (Study study : open) {
            queue.advance(queue.lockStudy(study.id()));
        }
    }
}
