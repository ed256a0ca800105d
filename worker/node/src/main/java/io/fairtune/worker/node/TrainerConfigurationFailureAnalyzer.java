package io.fairtune.worker.node;

import io.fairtune.worker.external.TrainerConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A misconfigured trainer stops the node with one clear line, not a stack trace. */
class TrainerConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<TrainerConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TrainerConfigurationException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Fix the trainer under fairtune.worker.trainers in this worker's configuration.",
                cause);
    }
}
