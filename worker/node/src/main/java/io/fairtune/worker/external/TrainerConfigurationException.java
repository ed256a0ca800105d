package io.fairtune.worker.external;

/** A worker's trainer configuration that cannot work; the node refuses to start, saying which setting is wrong. */
public final class TrainerConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TrainerConfigurationException(String message) {
        super(message);
    }
}
