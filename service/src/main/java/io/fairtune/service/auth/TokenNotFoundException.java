package io.fairtune.service.auth;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.ProblemType;

/** A token id that names no token. */
public final class TokenNotFoundException extends DomainException {

    private static final long serialVersionUID = 1L;

    public TokenNotFoundException(long tokenId) {
        super(ProblemType.NOT_FOUND, "token " + tokenId + " does not exist");
    }
}
