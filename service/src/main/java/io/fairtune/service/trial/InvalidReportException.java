package io.fairtune.service.trial;

import io.fairtune.service.spec.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** A worker's report (claim, measurements, result, failure) that breaks the protocol; nothing of it is stored. */
public final class InvalidReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidReportException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid report needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
