package io.fairtune.service.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error the API answers with RFC 9457 problem details.
 *
 * @param errors field-level problems ({@code field}, {@code message}), empty when none apply
 */
public final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String title;
    private final transient List<Map<String, String>> errors;

    public ApiProblem(HttpStatus status, String title, String detail, List<Map<String, String>> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", what + " does not exist", List.of());
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Conflict", detail, List.of());
    }

    public static ApiProblem badRequest(String field, String message) {
        return new ApiProblem(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                field + ": " + message,
                List.of(Map.of("field", field, "message", message)));
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Map<String, String>> errors() {
        return errors;
    }
}
