package io.fairtune.service.trial;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.FieldError;
import io.fairtune.service.problem.ProblemType;
import java.util.List;
import java.util.stream.Collectors;

/** A worker's report (claim, measurements, result, failure) that breaks the protocol; nothing of it is stored. */
public final class InvalidReportException extends DomainException {

    private static final long serialVersionUID = 1L;

    public InvalidReportException(List<FieldError> errors) {
        super(
                ProblemType.REPORT_INVALID,
                errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")),
                errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid report needs at least one error");
        }
    }

    @Override
    public String detail() {
        return fieldCount(errors());
    }
}
