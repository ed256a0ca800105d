package io.fairtune.service.schedule;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.FieldError;
import io.fairtune.service.problem.ProblemType;
import java.util.List;

/** A schedule request with illegal fields: its name, cron, time zone, or its spec's ({@code spec.…}). */
public final class ScheduleRequestInvalidException extends DomainException {

    private static final long serialVersionUID = 1L;

    ScheduleRequestInvalidException(List<FieldError> errors) {
        super(ProblemType.REQUEST_INVALID, fieldCount(errors), errors);
    }
}
