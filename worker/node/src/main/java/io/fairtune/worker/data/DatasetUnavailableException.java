package io.fairtune.worker.data;

/** A dataset's files are missing or unreadable: a problem of the node, not of the trial's hyperparameters. */
public class DatasetUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetUnavailableException(String message) {
        super(message);
    }

    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
