package io.fairtune.service.problem;

import java.util.Objects;

/**
 * One problem with a field of a request: a study spec, a worker's report, a query parameter.
 *
 * @param field path of the offending field, e.g. {@code arms[1].space.learning_rate.min} or {@code
 *     measurements[3].step}; the empty string is the document itself
 * @param message what is wrong and what would be legal
 */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
