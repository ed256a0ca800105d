package io.fairtune.service.problem;

import java.net.URI;

/**
 * Every kind of error the API answers, with a stable {@code type} URI (RFC 9457) that clients branch on. The
 * URIs are relative references ({@code /problems/attempt-stale}); the OpenAPI document lists and describes them.
 */
public enum ProblemType {
    REQUEST_INVALID(
            "request-invalid",
            400,
            "Invalid request",
            "a parameter or body field is not legal; errors lists each field"),
    SPEC_INVALID(
            "spec-invalid",
            400,
            "Invalid study spec",
            "the study spec breaks the rules; errors lists every field, nothing was stored"),
    REPORT_INVALID(
            "report-invalid",
            400,
            "Invalid worker report",
            "a worker report breaks the attempt protocol; errors lists each field, nothing was stored"),
    UNAUTHORIZED(
            "unauthorized",
            401,
            "Authentication required",
            "no bearer token, or one that is unknown, expired or revoked"),
    FORBIDDEN(
            "forbidden",
            403,
            "Forbidden",
            "the token's role may not call this endpoint, or a ci token acted on another token's study"),
    NOT_FOUND("not-found", 404, "Not found", "no such study, trial, schedule, token or route"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed", "the route does not answer this HTTP method"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable", "none of the accepted media types can be produced"),
    ATTEMPT_STALE(
            "attempt-stale",
            409,
            "Attempt is stale",
            "the attempt was superseded, lost or cancelled: the worker stops"),
    TRIAL_NOT_CLAIMABLE(
            "trial-not-claimable",
            409,
            "Trial needs no further attempt",
            "the trial is finished, cancelled, not queued or out of attempts"),
    REPORT_CONFLICT(
            "report-conflict",
            409,
            "Report differs from the one stored",
            "a replayed report differs from the one stored for the same attempt"),
    STUDY_FINISHED(
            "study-finished", 409, "Study already finished", "the study has already completed or been cancelled"),
    TOKEN_NAME_TAKEN("token-name-taken", 409, "Token name in use", "an active token already has this name"),
    LAST_ADMIN_TOKEN(
            "last-admin-token", 409, "Last admin token", "revoking this token would leave no active admin token"),
    REQUEST_TOO_LARGE("request-too-large", 413, "Request too large", "the body exceeds fairtune.max-request-bytes"),
    UNSUPPORTED_MEDIA_TYPE(
            "unsupported-media-type",
            415,
            "Unsupported media type",
            "the body is not of a media type the endpoint reads"),
    INTERNAL_ERROR(
            "internal-error", 500, "Internal error", "a fault of the service; logged, never described to the client");

    private final String slug;
    private final int status;
    private final String title;
    private final String description;

    ProblemType(String slug, int status, String title, String description) {
        this.slug = slug;
        this.status = status;
        this.title = title;
        this.description = description;
    }

    /** When the API answers with this type. */
    public String description() {
        return description;
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
