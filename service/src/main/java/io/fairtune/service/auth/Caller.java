package io.fairtune.service.auth;

import java.util.Objects;

/**
 * The authenticated caller of an API request: the principal of its security context.
 *
 * @param tokenId the id of the token it authenticated with, recorded as the creator of what it creates
 */
public record Caller(long tokenId, String name, Role role) {
    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}
