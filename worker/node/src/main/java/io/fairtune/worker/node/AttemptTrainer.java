package io.fairtune.worker.node;

import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialAssignment;
import io.fairtune.worker.training.TrainingListener;

/** Trains one claimed attempt: the built-in DL4J trainer, or an external trainer's program. */
@FunctionalInterface
public interface AttemptTrainer {

    TrainingResult train(TrialAssignment assignment, TrainingListener listener);
}
