package io.fairtune.service.web;

import io.fairtune.service.auth.LastAdminTokenException;
import io.fairtune.service.auth.TokenNameTakenException;
import io.fairtune.service.auth.TokenNotFoundException;
import io.fairtune.service.spec.FieldError;
import io.fairtune.service.spec.SpecValidationException;
import io.fairtune.service.study.NotStudyOwnerException;
import io.fairtune.service.study.StudyFinishedException;
import io.fairtune.service.study.StudyNotFoundException;
import io.fairtune.service.trial.AttemptStaleException;
import io.fairtune.service.trial.InvalidReportException;
import io.fairtune.service.trial.ReportConflictException;
import io.fairtune.service.trial.TrialNotClaimableException;
import io.fairtune.service.trial.TrialNotFoundException;
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
 * The one place where domain exceptions become problem details (RFC 9457) with a stable {@link ProblemType};
 * Spring MVC's own errors (unreadable body, wrong method, missing parameter) come through the base class and get
 * the type of their status. Nothing leaks a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(SpecValidationException.class)
    ResponseEntity<ProblemDetail> specInvalid(SpecValidationException e) {
        return respond(ProblemType.SPEC_INVALID, fieldCount(e.errors()), e.errors());
    }

    @ExceptionHandler(InvalidReportException.class)
    ResponseEntity<ProblemDetail> reportInvalid(InvalidReportException e) {
        return respond(ProblemType.REPORT_INVALID, fieldCount(e.errors()), e.errors());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> requestInvalid(InvalidRequestException e) {
        return respond(ProblemType.REQUEST_INVALID, e.getMessage(), e.errors());
    }

    @ExceptionHandler({StudyNotFoundException.class, TrialNotFoundException.class, TokenNotFoundException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        return respond(ProblemType.NOT_FOUND, e.getMessage(), List.of());
    }

    @ExceptionHandler(NotStudyOwnerException.class)
    ResponseEntity<ProblemDetail> forbidden(NotStudyOwnerException e) {
        return respond(ProblemType.FORBIDDEN, e.getMessage(), List.of());
    }

    @ExceptionHandler(AttemptStaleException.class)
    ResponseEntity<ProblemDetail> attemptStale(AttemptStaleException e) {
        return respond(ProblemType.ATTEMPT_STALE, e.getMessage(), List.of());
    }

    @ExceptionHandler(TrialNotClaimableException.class)
    ResponseEntity<ProblemDetail> notClaimable(TrialNotClaimableException e) {
        return respond(ProblemType.TRIAL_NOT_CLAIMABLE, e.getMessage(), List.of());
    }

    @ExceptionHandler(ReportConflictException.class)
    ResponseEntity<ProblemDetail> reportConflict(ReportConflictException e) {
        return respond(ProblemType.REPORT_CONFLICT, e.getMessage(), List.of());
    }

    @ExceptionHandler(StudyFinishedException.class)
    ResponseEntity<ProblemDetail> studyFinished(StudyFinishedException e) {
        return respond(ProblemType.STUDY_FINISHED, e.getMessage(), List.of());
    }

    @ExceptionHandler(TokenNameTakenException.class)
    ResponseEntity<ProblemDetail> tokenNameTaken(TokenNameTakenException e) {
        return respond(ProblemType.TOKEN_NAME_TAKEN, e.getMessage(), List.of());
    }

    @ExceptionHandler(LastAdminTokenException.class)
    ResponseEntity<ProblemDetail> lastAdminToken(LastAdminTokenException e) {
        return respond(ProblemType.LAST_ADMIN_TOKEN, e.getMessage(), List.of());
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
                ProblemType.REQUEST_INVALID.status());
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
        return ResponseEntity.status(type.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(type, detail, errors));
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }

    private static String fieldCount(List<FieldError> errors) {
        return errors.size() + (errors.size() == 1 ? " field is" : " fields are") + " invalid";
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
