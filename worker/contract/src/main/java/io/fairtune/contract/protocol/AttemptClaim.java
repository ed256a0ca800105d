package io.fairtune.contract.protocol;

/** Body of {@code POST /api/v1/trials/{id}/attempts}: who claims the trial. */
public record AttemptClaim(String worker) {}
