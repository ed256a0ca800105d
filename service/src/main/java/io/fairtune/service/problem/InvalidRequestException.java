package io.fairtune.service.problem;

import java.util.List;

/** A request parameter or body field that is not legal; answered 400 with the field named. */
public final class InvalidRequestException extends DomainException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String field, String message) {
        super(ProblemType.REQUEST_INVALID, field + ": " + message, List.of(new FieldError(field, message)));
    }
}
