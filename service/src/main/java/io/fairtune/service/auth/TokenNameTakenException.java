package io.fairtune.service.auth;

/** A token name already used by an active token. */
public final class TokenNameTakenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TokenNameTakenException(String name) {
        super("an active token is already named '" + name + "'; revoke it or choose another name");
    }
}
