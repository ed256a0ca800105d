package io.fairtune.service.auth;

/** What a token may do. Roles beyond admin and worker gain their own rules with token management. */
public enum Role {
    ADMIN,
    RESEARCHER,
    VIEWER,
    /** Reports trials only: the attempt API. */
    WORKER
}
