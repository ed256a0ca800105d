package io.fairtune.service.spec;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.FieldError;
import io.fairtune.service.problem.ProblemType;
import java.util.List;
import java.util.stream.Collectors;

/** A study spec was rejected; carries every problem found (section by section, as found), not just the first. */
public final class SpecValidationException extends DomainException {

    private static final long serialVersionUID = 1L;

    public SpecValidationException(List<FieldError> errors) {
        super(ProblemType.SPEC_INVALID, summary(errors), errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one error");
        }
    }

    @Override
    public String detail() {
        return fieldCount(errors());
    }

    private static String summary(List<FieldError> errors) {
        return "invalid study spec: "
                + errors.stream()
                        .map(e -> (e.field().isEmpty() ? "(document)" : e.field()) + ": " + e.message())
                        .collect(Collectors.joining("; "));
    }
}
