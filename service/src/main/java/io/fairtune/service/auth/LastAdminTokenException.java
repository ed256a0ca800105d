package io.fairtune.service.auth;

/** Revoking the only active admin token would lock every admin out. */
public final class LastAdminTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LastAdminTokenException(long tokenId) {
        super("token " + tokenId + " is the last active admin token; create another admin token first");
    }
}
