package io.fairtune.service.problem;

import java.util.List;

/**
 * A refusal the domain names, with the stable {@link ProblemType} the API answers it with (RFC 9457). Feature code
 * throws its own subclasses and never speaks HTTP; the web layer maps every one the same way.
 */
public abstract class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final transient List<FieldError> errors;

    protected DomainException(ProblemType type, String message) {
        this(type, message, List.of());
    }

    protected DomainException(ProblemType type, String message, List<FieldError> errors) {
        super(message);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    /** Field-level problems ({@code field}, {@code message}); empty when none apply. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The problem's {@code detail}; by default the message. */
    public String detail() {
        return getMessage();
    }

    /** "3 fields are invalid": the detail of a problem that lists its fields. */
    protected static String fieldCount(List<FieldError> errors) {
        return errors.size() + (errors.size() == 1 ? " field is" : " fields are") + " invalid";
    }
}
