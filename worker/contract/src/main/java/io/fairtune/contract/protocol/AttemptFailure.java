package io.fairtune.contract.protocol;

/**
 * A training error: the trial ends {@code FAILED} and counts in the budget.
 *
 * @param cause the exception chain, for the failure view
 */
public record AttemptFailure(String message, String cause) {}
