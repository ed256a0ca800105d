package io.fairtune.service.web;

import io.fairtune.service.spec.FieldError;
import java.util.List;

/** A request parameter or body field that is not legal; answered 400 with the field named. */
public final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidRequestException(String field, String message) {
        super(field + ": " + message);
        this.errors = List.of(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
