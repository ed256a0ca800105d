package io.fairtune.service.trial;

import io.fairtune.contract.protocol.TrainingOutcome;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which state may follow which, for trials and for attempts: every verb of {@link Trial} and {@link Attempt}
 * checks its move here, and a move not in the table is a bug ({@link IllegalStateException}), never data. Also the
 * one mapping of a worker's outcome to the states it ends in.
 */
final class Transitions {

    private static final Map<TrialStatus, Set<TrialStatus>> TRIAL = new EnumMap<>(TrialStatus.class);
    private static final Map<AttemptStatus, Set<AttemptStatus>> ATTEMPT = new EnumMap<>(AttemptStatus.class);

    static {
        TRIAL.put(TrialStatus.PENDING, EnumSet.of(TrialStatus.QUEUED, TrialStatus.CANCELLED));
        // QUEUED -> QUEUED: a trigger given again; QUEUED -> LOST: a claim found the attempts used up.
        TRIAL.put(
                TrialStatus.QUEUED,
                EnumSet.of(TrialStatus.QUEUED, TrialStatus.RUNNING, TrialStatus.CANCELLED, TrialStatus.LOST));
        // RUNNING -> RUNNING: a new claim superseded the attempt; RUNNING -> QUEUED: its attempt was lost.
        TRIAL.put(
                TrialStatus.RUNNING,
                EnumSet.of(
                        TrialStatus.RUNNING,
                        TrialStatus.QUEUED,
                        TrialStatus.SUCCEEDED,
                        TrialStatus.DIVERGED,
                        TrialStatus.FAILED,
                        TrialStatus.CANCELLED,
                        TrialStatus.LOST));
        for (TrialStatus outcome : TrialStatus.values()) {
            TRIAL.putIfAbsent(outcome, EnumSet.noneOf(TrialStatus.class));
        }
        ATTEMPT.put(
                AttemptStatus.RUNNING,
                EnumSet.of(
                        AttemptStatus.SUCCEEDED,
                        AttemptStatus.DIVERGED,
                        AttemptStatus.FAILED,
                        AttemptStatus.LOST,
                        AttemptStatus.CANCELLED));
        for (AttemptStatus outcome : AttemptStatus.values()) {
            ATTEMPT.putIfAbsent(outcome, EnumSet.noneOf(AttemptStatus.class));
        }
    }

    private Transitions() {}

    static boolean allowed(TrialStatus from, TrialStatus to) {
        return TRIAL.get(from).contains(to);
    }

    static boolean allowed(AttemptStatus from, AttemptStatus to) {
        return ATTEMPT.get(from).contains(to);
    }

    static void check(String what, Object id, TrialStatus from, TrialStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalStateException(what + " " + id + " cannot move from " + from + " to " + to);
        }
    }

    static void check(String what, Object id, AttemptStatus from, AttemptStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalStateException(what + " " + id + " cannot move from " + from + " to " + to);
        }
    }

    /** The trial state a reported outcome ends in. */
    static TrialStatus trialStatus(TrainingOutcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> TrialStatus.SUCCEEDED;
            case DIVERGED -> TrialStatus.DIVERGED;
            case STOPPED -> throw new IllegalArgumentException("a stopped run ends no trial");
        };
    }

    /** The attempt state a reported outcome ends in. */
    static AttemptStatus attemptStatus(TrainingOutcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> AttemptStatus.SUCCEEDED;
            case DIVERGED -> AttemptStatus.DIVERGED;
            case STOPPED -> throw new IllegalArgumentException("a stopped run ends no attempt");
        };
    }
}
