package io.fairtune.contract.protocol;

import java.util.Optional;

/**
 * The service's answer to a result that asked for the next trial: whether the result was taken (false: the attempt
 * is stale), and the attempt this worker runs next, if the service handed it one.
 */
public record ResultReceipt(boolean accepted, Optional<TrialAssignment> next) {

    public ResultReceipt {
        if (next.isPresent() && !accepted) {
            throw new IllegalArgumentException("a refused result hands over no trial");
        }
    }

    /** Nothing handed over, whether taken or not. */
    public static ResultReceipt withoutNext(boolean accepted) {
        return new ResultReceipt(accepted, Optional.empty());
    }
}
