package io.fairtune.service.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of error the API answers, with a stable {@code type} URI (RFC 9457) that clients branch on. The
 * URIs are relative references ({@code /problems/attempt-stale}), resolved against the service's address, where
 * each one is described.
 */
public enum ProblemType {
    REQUEST_INVALID("request-invalid", HttpStatus.BAD_REQUEST, "Invalid request"),
    SPEC_INVALID("spec-invalid", HttpStatus.BAD_REQUEST, "Invalid study spec"),
    REPORT_INVALID("report-invalid", HttpStatus.BAD_REQUEST, "Invalid worker report"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    ATTEMPT_STALE("attempt-stale", HttpStatus.CONFLICT, "Attempt is stale"),
    TRIAL_NOT_CLAIMABLE("trial-not-claimable", HttpStatus.CONFLICT, "Trial needs no further attempt"),
    REPORT_CONFLICT("report-conflict", HttpStatus.CONFLICT, "Report differs from the one stored"),
    STUDY_FINISHED("study-finished", HttpStatus.CONFLICT, "Study already finished"),
    TOKEN_NAME_TAKEN("token-name-taken", HttpStatus.CONFLICT, "Token name in use"),
    LAST_ADMIN_TOKEN("last-admin-token", HttpStatus.CONFLICT, "Last admin token"),
    REQUEST_TOO_LARGE("request-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create("/problems/" + slug);
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The generic type of a status Spring MVC answers by itself (unreadable body, unknown route, ...). */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> REQUEST_INVALID;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> REQUEST_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL_ERROR : REQUEST_INVALID;
        };
    }
}
