package io.fairtune.contract.protocol;

import io.fairtune.contract.catalog.Workload;
import java.util.Map;

/**
 * What the service hands a worker that claimed an attempt: everything needed to train the trial, so the
 * worker never reads the domain tables.
 *
 * @param attempt the attempt number every report must carry; a newer attempt makes this one stale (409)
 * @param phase {@code TUNING} or {@code FINAL}
 */
public record TrialAssignment(
        long trialId,
        int attempt,
        long studyId,
        String arm,
        String phase,
        int sampleIndex,
        Workload workload,
        String optimizer,
        String scheduleType,
        Map<String, Object> hyperparameters,
        long seed,
        boolean evaluateOnTest) {}
