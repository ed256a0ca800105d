package io.fairtune.service.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a finished study's claims mean for a pipeline: one exit code. Any FAIL exits 1; otherwise an unsettled
 * claim (INCONCLUSIVE or INSUFFICIENT_DATA) exits 2, or what {@code --inconclusive} makes of it; otherwise 0.
 */
final class Verdict {

    /** What an unsettled claim does to the exit code. */
    enum Inconclusive {
        /** Exit 2: neither passed nor failed, and the pipeline can tell. */
        EXIT2,
        /** Exit 1, as if the claim had failed. */
        FAIL,
        /** Exit 0, as if it had passed (a report-only job). */
        PASS
    }

    /** One claim as the report judged it. */
    record Claim(String statement, String outcome, String text) {

        boolean unsettled() {
            return "INCONCLUSIVE".equals(outcome) || "INSUFFICIENT_DATA".equals(outcome);
        }
    }

    private Verdict() {}

    static List<Claim> claims(JsonNode report) {
        List<Claim> claims = new ArrayList<>();
        for (JsonNode result : report.path("claims").path("results")) {
            claims.add(new Claim(
                    result.path("statement").asString(""),
                    result.path("outcome").asString(""),
                    result.path("text").asString("")));
        }
        return claims;
    }

    static int exitCode(List<Claim> claims, Inconclusive policy) {
        if (claims.stream().anyMatch(c -> "FAIL".equals(c.outcome()))) {
            return ExitCodes.CLAIM_FAILED;
        }
        if (claims.stream().anyMatch(Claim::unsettled)) {
            return switch (policy) {
                case EXIT2 -> ExitCodes.INCONCLUSIVE;
                case FAIL -> ExitCodes.CLAIM_FAILED;
                case PASS -> ExitCodes.OK;
            };
        }
        if (claims.stream().allMatch(c -> "PASS".equals(c.outcome()))) {
            return ExitCodes.OK;
        }
        // An outcome this version does not know: never read it as a pass.
        return ExitCodes.INCONCLUSIVE;
    }
}
