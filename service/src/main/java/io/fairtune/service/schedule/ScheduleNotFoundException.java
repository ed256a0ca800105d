package io.fairtune.service.schedule;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.ProblemType;

/** A schedule id that names no schedule. */
public final class ScheduleNotFoundException extends DomainException {

    private static final long serialVersionUID = 1L;

    public ScheduleNotFoundException(long scheduleId) {
        super(ProblemType.NOT_FOUND, "schedule " + scheduleId + " does not exist");
    }
}
