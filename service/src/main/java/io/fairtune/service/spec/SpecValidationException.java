package io.fairtune.service.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A study spec was rejected; carries every problem found (section by section, as found), not just the first. */
public final class SpecValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    // Transient: FieldError lists are not part of any serialized form we rely on.
    private final transient List<FieldError> errors;

    public SpecValidationException(List<FieldError> errors) {
        super(summary(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        return "invalid study spec: "
                + errors.stream()
                        .map(e -> (e.field().isEmpty() ? "(document)" : e.field()) + ": " + e.message())
                        .collect(Collectors.joining("; "));
    }
}
