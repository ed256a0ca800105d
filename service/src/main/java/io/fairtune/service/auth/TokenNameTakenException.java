package io.fairtune.service.auth;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.ProblemType;

/** A token name already used by an active token. */
public final class TokenNameTakenException extends DomainException {

    private static final long serialVersionUID = 1L;

    public TokenNameTakenException(String name) {
        super(
                ProblemType.TOKEN_NAME_TAKEN,
                "an active token is already named '" + name + "'; revoke it or choose another name");
    }
}
