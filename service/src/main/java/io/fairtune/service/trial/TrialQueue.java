package io.fairtune.service.trial;

import io.fairtune.service.scheduling.TrialJobs;
import io.fairtune.service.study.Study;
import io.fairtune.service.study.StudyFinishedException;
import io.fairtune.service.study.StudyRepository;
import io.fairtune.service.study.StudyStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a study forward: hands pending trials to Quartz while fewer than {@code maxParallelTrials} are queued or
 * running, starts the final phase when tuning is done, and completes the study when nothing is left. Every
 * caller holds the study's row lock for the duration (taken here first), so concurrent results cannot overfill
 * the queue.
 */
@Component
public class TrialQueue {

    private static final Logger log = LoggerFactory.getLogger(TrialQueue.class);

    private final TrialRepository trials;
    private final StudyRepository studies;
    private final TrialJobs jobs;
    private final FinalPhasePlanner finalPhase;
    private final AttemptRepository attempts;
    private final RetryBackoff backoff;

    private final Clock clock;

    TrialQueue(
            TrialRepository trials,
            StudyRepository studies,
            TrialJobs jobs,
            FinalPhasePlanner finalPhase,
            AttemptRepository attempts,
            RetryBackoff backoff,
            Clock clock) {
        this.clock = clock;
        this.trials = trials;
        this.attempts = attempts;
        this.studies = studies;
        this.jobs = jobs;
        this.finalPhase = finalPhase;
        this.backoff = backoff;
    }

    /** Locks the study row; call before touching its trials so every path takes locks in one order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Study lockStudy(long studyId) {
        return studies.lockById(studyId).orElseThrow(() -> new IllegalStateException("no study " + studyId));
    }

    /** Locks the study of a trial without loading the trial, so the trial is first read under the lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Study lockStudyOf(long trialId) {
        return studies.lockByTrialId(trialId).orElseThrow(() -> new TrialNotFoundException(trialId));
    }

    /** Queues what the budget allows and completes the study when all its trials have finished. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void advance(Study study) {
        advance(study, false);
    }

    /**
     * Like {@link #advance(Study)}, but the first trial the budget allows is handed back, QUEUED and without a
     * Quartz job, for the caller's slot to start at once; handed back only while nothing is due in the trainer's pool,
     * so a slot never jumps trials that were queued before.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Trial> advanceHandingOver(Study study) {
        return advance(study, true);
    }

    private Optional<Trial> advance(Study study, boolean handOver) {
        if (study.status().finished()) {
            return Optional.empty();
        }
        // Queueing moves trials from PENDING to QUEUED, so the unfinished total holds for the whole call.
        UnfinishedTrials unfinished = trials.countUnfinished(study.id());
        int free = (int) Math.max(0, study.maxParallelTrials() - unfinished.active());
        Optional<Trial> handed = Optional.empty();
        if (free > 0) {
            List<Trial> pending = trials.findPending(study.id(), PageRequest.of(0, free));
            // The pool is read only when there is a trial to hand over.
            boolean handing = handOver && !pending.isEmpty() && !jobs.anyDue(study.trainer());
            for (Trial trial : pending) {
                if (handing && handed.isEmpty()) {
                    handed = Optional.of(trial);
                } else {
                    jobs.schedule(trial.id(), study.trainer());
                }
                trial.queue(now());
            }
        }
        if (unfinished.total() > 0) {
            return handed;
        }
        if (study.status() == StudyStatus.TUNING && study.finalSeeds() > 0 && finalPhase.plan(study) > 0) {
            study.startFinalPhase();
            log.info("Study {} ({}): tuning done, final phase started", study.id(), study.name());
            return advance(study, handOver);
        }
        study.complete(now());
        log.info("Study {} ({}) completed", study.id(), study.name());
        return Optional.empty();
    }

    /**
     * After the trial's newest attempt was lost: queues it again, at once after its first loss and then with a
     * growing wait, or ends it LOST when {@code maxAttemptsPerTrial} attempts are spent. A lost final-phase run is
     * replaced by a run with a fresh seed. Nothing here is charged to the arm.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void attemptLost(Study study, Trial trial) {
        int lost = trial.attempts();
        if (lost >= study.maxAttemptsPerTrial()) {
            endLost(study, trial);
            return;
        }
        Duration delay = backoff.after(lost);
        if (delay.isZero()) {
            retrigger(study, trial);
            return;
        }
        jobs.scheduleNoSooner(trial.id(), study.trainer(), delay);
        trial.queue(now());
        log.info("Trial {} queued again in {} s after {} lost attempts", trial.id(), delay.toSeconds(), lost);
    }

    /** Gives a queued trial whose trigger was consumed without a claim a trigger again. */
    @Transactional(propagation = Propagation.MANDATORY)
    void retrigger(Study study, Trial trial) {
        if (!jobs.waiting(trial.id(), study.trainer())) {
            jobs.schedule(trial.id(), study.trainer());
        }
        trial.queue(now());
    }

    /** The trial's attempts are all spent on losses: it ends LOST, shown and not charged. */
    @Transactional(propagation = Propagation.MANDATORY)
    void endLost(Study study, Trial trial) {
        trial.endLost(
                "all " + trial.attempts() + " attempts were lost to infrastructure (workers gone or silent);"
                        + " not charged to the arm",
                now());
        jobs.remove(trial.id(), study.trainer());
        log.warn("Trial {} of study {} ended LOST after {} lost attempts", trial.id(), study.id(), trial.attempts());
        if (trial.phase() == TrialPhase.FINAL) {
            finalPhase.replace(study, trial);
        }
    }

    /** Cancels the study and every unfinished trial; running attempts learn it from their next report. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void cancel(Study study) {
        if (study.status().finished()) {
            throw new StudyFinishedException(study.id(), study.status());
        }
        for (Trial trial : trials.findByStudyIdAndStatusIn(study.id(), TrialStatus.UNFINISHED)) {
            jobs.remove(trial.id(), study.trainer());
            if (trial.attempts() > 0) {
                attempts.findByTrialIdAndNumber(trial.id(), trial.attempts())
                        .filter(a -> a.status() == AttemptStatus.RUNNING)
                        .ifPresent(a -> a.end(AttemptStatus.CANCELLED, "study cancelled", now()));
            }
            trial.cancel(now());
        }
        study.cancel(now());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
