package io.fairtune.service.auth;

import io.fairtune.service.problem.DomainException;
import io.fairtune.service.problem.ProblemType;

/** Revoking the only active admin token would lock every admin out. */
public final class LastAdminTokenException extends DomainException {

    private static final long serialVersionUID = 1L;

    public LastAdminTokenException(long tokenId) {
        super(
                ProblemType.LAST_ADMIN_TOKEN,
                "token " + tokenId + " is the last active admin token; create another admin token first");
    }
}
