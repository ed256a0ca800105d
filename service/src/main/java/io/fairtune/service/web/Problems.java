package io.fairtune.service.web;

import io.fairtune.service.problem.FieldError;
import io.fairtune.service.problem.ProblemType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the one problem shape of the API: {@code type}, {@code title}, {@code status}, {@code detail} and, for
 * validation problems, {@code errors} as {@code [{field, message}]}. Controllers answer through {@link
 * ProblemHandler}; filters that answer before Spring MVC (authentication, size limits) write the same body here.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(type.status()), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", fields(errors));
        }
        return problem;
    }

    /** Writes a problem directly to a servlet response, for code that runs before Spring MVC. */
    public static void write(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        response.setStatus(type.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    private static List<Map<String, String>> fields(List<FieldError> errors) {
        return errors.stream()
                .map(e -> Map.of("field", e.field(), "message", e.message()))
                .toList();
    }
}
