package io.fairtune.service.problem;

import java.net.URI;

/**
 * Every kind of error the API answers, with a stable {@code type} URI (RFC 9457) that clients branch on. The
 * URIs are relative references ({@code /problems/attempt-stale}), resolved against the service's address, where
 * each one is described.
 */
public enum ProblemType {
    REQUEST_INVALID("request-invalid", 400, "Invalid request"),
    SPEC_INVALID("spec-invalid", 400, "Invalid study spec"),
    REPORT_INVALID("report-invalid", 400, "Invalid worker report"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    ATTEMPT_STALE("attempt-stale", 409, "Attempt is stale"),
    TRIAL_NOT_CLAIMABLE("trial-not-claimable", 409, "Trial needs no further attempt"),
    REPORT_CONFLICT("report-conflict", 409, "Report differs from the one stored"),
    STUDY_FINISHED("study-finished", 409, "Study already finished"),
    TOKEN_NAME_TAKEN("token-name-taken", 409, "Token name in use"),
    LAST_ADMIN_TOKEN("last-admin-token", 409, "Last admin token"),
    REQUEST_TOO_LARGE("request-too-large", 413, "Request too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    INTERNAL_ERROR("internal-error", 500, "Internal error");

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
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

    /** The HTTP status every problem of this type is answered with. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The generic type of a status Spring MVC answers by itself (unreadable body, unknown route, ...). */
    public static ProblemType forStatus(int status) {
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
