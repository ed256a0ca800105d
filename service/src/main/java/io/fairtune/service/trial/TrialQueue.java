package io.fairtune.service.trial;

import io.fairtune.service.scheduling.TrialJobs;
import io.fairtune.service.study.Study;
import io.fairtune.service.study.StudyRepository;
import io.fairtune.service.study.StudyStatus;
import io.fairtune.service.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a study forward: hands pending trials to Quartz while fewer than {@code maxParallelTrials} are queued
 * or running, starts the final phase when tuning is done, and completes the study when nothing is left. Every caller holds the study's row lock for the
 * duration (taken here first), so concurrent results cannot overfill the queue.
 */
@Component
public class TrialQueue {

    private static final Logger log = LoggerFactory.getLogger(TrialQueue.class);

    private final TrialRepository trials;
    private final StudyRepository studies;
    private final TrialJobs jobs;
    private final FinalPhasePlanner finalPhase;
    private final AttemptRepository attempts;

    TrialQueue(
            TrialRepository trials,
            StudyRepository studies,
            TrialJobs jobs,
            FinalPhasePlanner finalPhase,
            AttemptRepository attempts) {
        this.trials = trials;
        this.attempts = attempts;
        this.studies = studies;
        this.jobs = jobs;
        this.finalPhase = finalPhase;
    }

    /** Locks the study row; call before touching its trials so every path takes locks in one order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Study lockStudy(long studyId) {
        return studies.lockById(studyId).orElseThrow(() -> new IllegalStateException("no study " + studyId));
    }

    /** Queues what the budget allows and completes the study when all its trials have finished. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void advance(Study study) {
        if (study.status().finished()) {
            return;
        }
        long active = trials.countByStudyIdAndStatusIn(study.id(), TrialStatus.ACTIVE);
        int free = (int) Math.max(0, study.maxParallelTrials() - active);
        if (free > 0) {
            for (Trial trial : trials.findPending(study.id(), PageRequest.of(0, free))) {
                jobs.schedule(trial.id());
                trial.queue();
            }
        }
        if (trials.countByStudyIdAndStatusIn(study.id(), TrialStatus.UNFINISHED) > 0) {
            return;
        }
        if (study.status() == StudyStatus.TUNING && study.finalSeeds() > 0 && finalPhase.plan(study) > 0) {
            study.startFinalPhase();
            log.info("Study {} ({}): tuning done, final phase started", study.id(), study.name());
            advance(study);
            return;
        }
        study.complete();
        log.info("Study {} ({}) completed", study.id(), study.name());
    }

    /** Puts a trial whose attempt was lost back in the queue. */
    @Transactional(propagation = Propagation.MANDATORY)
    void requeue(Trial trial) {
        if (!jobs.waiting(trial.id())) {
            jobs.schedule(trial.id());
        }
        trial.queue();
    }

    /** Cancels the study and every unfinished trial; running attempts learn it from their next report. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void cancel(Study study) {
        if (study.status().finished()) {
            throw ApiProblem.conflict("study " + study.id() + " is already " + study.status());
        }
        for (Trial trial : trials.findByStudyIdAndStatusIn(study.id(), TrialStatus.UNFINISHED)) {
            jobs.remove(trial.id());
            if (trial.attempts() > 0) {
                attempts.findByTrialIdAndNumber(trial.id(), trial.attempts())
                        .filter(a -> a.status() == AttemptStatus.RUNNING)
                        .ifPresent(a -> a.end(AttemptStatus.CANCELLED, "study cancelled"));
            }
            trial.cancel();
        }
        study.cancel();
    }
}
