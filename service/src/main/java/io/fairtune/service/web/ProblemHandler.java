package io.fairtune.service.web;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.FieldError;
import io.fairtune.service.problem.ProblemType;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * The one place where domain exceptions become problem details (RFC 9457) with their stable {@link ProblemType};
 * Spring MVC's own errors (unreadable body, wrong method, missing parameter) come through the base class and get
 * the type of their status. Nothing leaks a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** Every refusal the domain names carries its type: one mapping for all of them. */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        return respond(e.type(), e.detail(), e.errors());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unhandled error", e);
        return respond(ProblemType.INTERNAL_ERROR, "internal error", List.of());
    }

    /** A body Jackson cannot bind names the field and the reason, not just "failed to read request". */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = "";
        String message = "the body is not readable JSON of the expected shape";
        if (e.getMostSpecificCause() instanceof JacksonException jackson) {
            field = path(jackson);
            String original = jackson.getOriginalMessage();
            if (original != null) {
                int newline = original.indexOf('\n');
                message = newline >= 0 ? original.substring(0, newline) : original;
            }
        } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            message = "a JSON body is required";
        }
        FieldError error = new FieldError(field, message);
        return new ResponseEntity<>(
                Problems.of(
                        ProblemType.REQUEST_INVALID,
                        (field.isEmpty() ? "body" : field) + ": " + message,
                        List.of(error)),
                problemHeaders(),
                HttpStatusCode.valueOf(ProblemType.REQUEST_INVALID.status()));
    }

    /** Spring MVC's own problems keep their detail and get the stable type of their status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            ProblemType type = ProblemType.forStatus(status.value());
            problem.setType(type.uri());
            problem.setTitle(type.title());
        }
        return response;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemType type, String detail, List<FieldError> errors) {
        return ResponseEntity.status(HttpStatusCode.valueOf(type.status()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(type, detail, errors));
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }

    /** Jackson's reference path as the API names fields: {@code measurements[3].step}. */
    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? "." + reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
