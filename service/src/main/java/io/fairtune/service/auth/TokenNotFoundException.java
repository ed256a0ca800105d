package io.fairtune.service.auth;

/** A token id that names no token. */
public final class TokenNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TokenNotFoundException(long tokenId) {
        super("token " + tokenId + " does not exist");
    }
}
