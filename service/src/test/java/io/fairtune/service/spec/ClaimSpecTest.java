package io.fairtune.service.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fairtune.service.SharedExamples;
import io.fairtune.service.problem.FieldError;
import io.fairtune.service.spec.Claim.Basis;
import io.fairtune.service.spec.Claim.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The claims of a spec: what a study sets out to show, each checked for what its method can judge. */
class ClaimSpecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The large-batch example: 4 arms x 16 trials, 5 final seeds. */
    private static String withClaims(String claims) {
        ObjectNode root = (ObjectNode) JSON.readTree(SharedExamples.study("fashion-mnist-large-batch.json"));
        root.set("claims", JSON.readTree(claims));
        return root.toString();
    }

    @Test
    void readsClaimsOfEveryKindAndBasis() {
        StudySpec spec = StudySpecParser.parse(withClaims("""
                [{"candidate": "nesterov", "baseline": "lars", "kind": "non_inferior", "margin": 0.01,
                  "basis": "final_phase"},
                 {"candidate": "adamw", "baseline": "lamb", "kind": "equivalent", "margin": 0.005,
                  "basis": "best_of_k", "k": 1},
                 {"candidate": "lamb", "baseline": "nesterov", "kind": "superior", "basis": "final_phase"}]
                """));
        assertThat(spec.claims())
                .containsExactly(
                        new Claim("nesterov", "lars", Kind.NON_INFERIOR, 0.01, Basis.FINAL_PHASE, null),
                        new Claim("adamw", "lamb", Kind.EQUIVALENT, 0.005, Basis.BEST_OF_K, 1),
                        new Claim("lamb", "nesterov", Kind.SUPERIOR, 0.0, Basis.FINAL_PHASE, null));
        assertThat(spec.claims().get(0).statement())
                .isEqualTo("nesterov is not worse than lars by more than 1.0 points");
        assertThat(spec.claims().get(1).statement()).isEqualTo("adamw is within 0.5 points of lamb");
        // Claims are the question: without "comparisons", no exploratory pairs are added.
        assertThat(spec.comparisons()).isEmpty();
    }

    @Test
    void todaysSpecsWithoutClaimsStayValidAndCompareEveryPairExploratively() {
        StudySpec spec = StudySpecParser.parse(SharedExamples.study("fashion-mnist-large-batch.json"));
        assertThat(spec.claims()).isEmpty();
        assertThat(spec.comparisons()).hasSize(6);
    }

    @Test
    void everyBrokenClaimIsNamedByItsField() {
        List<FieldError> errors = errors(withClaims("""
                [{"candidate": "sgd", "baseline": "lars", "kind": "non_inferior", "margin": 0.01,
                  "basis": "final_phase"},
                 {"candidate": "nesterov", "baseline": "nesterov", "kind": "superior", "basis": "final_phase"},
                 {"candidate": "nesterov", "baseline": "lars", "kind": "non_inferior", "basis": "final_phase"},
                 {"candidate": "nesterov", "baseline": "lars", "kind": "superior", "margin": 0.01,
                  "basis": "final_phase"},
                 {"candidate": "nesterov", "baseline": "lars", "kind": "better", "basis": "final_phase"},
                 {"candidate": "nesterov", "baseline": "lars", "kind": "equivalent", "margin": 2,
                  "basis": "final_phase"},
                 {"candidate": "nesterov", "baseline": "lars", "kind": "superior", "basis": "best_of_k", "k": 17},
                 {"candidate": "nesterov", "baseline": "lars", "kind": "superior", "basis": "best_of_k"},
                 {"candidate": "nesterov", "baseline": "lars", "kind": "superior", "basis": "final_phase", "k": 2},
                 {"candidate": "nesterov", "baseline": "lars", "kind": "superior", "basis": "median"},
                 {"candidate": "nesterov", "baseline": "lars", "kind": "superior", "basis": "final_phase",
                  "confidence": 0.99}]
                """));
        assertThat(message(errors, "claims[0].candidate")).contains("unknown arm 'sgd'", "nesterov, lars");
        assertThat(message(errors, "claims[1].baseline")).contains("candidate itself");
        assertThat(message(errors, "claims[2].margin")).contains("required for a non_inferior claim");
        assertThat(message(errors, "claims[3].margin")).contains("no margin");
        assertThat(message(errors, "claims[4].kind")).contains("superior, non_inferior, equivalent");
        assertThat(message(errors, "claims[5].margin")).contains("(0, 1)");
        assertThat(message(errors, "claims[6].k")).contains("at most budget.trialsPerArm (16)");
        assertThat(message(errors, "claims[7].k")).contains("is required");
        assertThat(message(errors, "claims[8].k")).contains("only for best_of_k");
        assertThat(message(errors, "claims[9].basis")).contains("final_phase, best_of_k");
        assertThat(message(errors, "claims[10].confidence")).contains("unknown field");
    }

    @Test
    void kIsBoundedWhereTheBestOfKIntervalKeepsItsCoverage() {
        int covered = StudySpecParser.CLAIM_LIMITS.maxK(16);
        assertThat(covered).isBetween(1, 15);
        StudySpecParser.parse(withClaims("[{\"candidate\": \"nesterov\", \"baseline\": \"lars\", \"kind\":"
                + " \"superior\", \"basis\": \"best_of_k\", \"k\": " + covered + "}]"));
        List<FieldError> errors = errors(withClaims("[{\"candidate\": \"nesterov\", \"baseline\": \"lars\", \"kind\":"
                + " \"superior\", \"basis\": \"best_of_k\", \"k\": " + (covered + 1) + "}]"));
        assertThat(message(errors, "claims[0].k")).contains("loses its coverage");
    }

    @Test
    void aFinalPhaseClaimNeedsTheSeedsItsMethodNeeds() {
        int needed = StudySpecParser.CLAIM_LIMITS.minSeeds();
        ObjectNode root = (ObjectNode) JSON.readTree(
                withClaims("[{\"candidate\": \"nesterov\", \"baseline\": \"lars\", \"kind\": \"non_inferior\","
                        + " \"margin\": 0.01, \"basis\": \"final_phase\"}]"));
        ((ObjectNode) root.get("finalEvaluation")).put("seeds", needed - 1);
        assertThat(message(errors(root.toString()), "claims[0].basis"))
                .contains("at least " + needed, "the spec has " + (needed - 1));
        ((ObjectNode) root.get("finalEvaluation")).put("seeds", needed);
        assertThat(StudySpecParser.parse(root.toString()).claims()).hasSize(1);
    }

    @Test
    void aClaimIsStatedOnce() {
        String claim = "{\"candidate\": \"nesterov\", \"baseline\": \"lars\", \"kind\": \"superior\","
                + " \"basis\": \"final_phase\"}";
        assertThat(message(errors(withClaims("[" + claim + ", " + claim + "]")), "claims[1]"))
                .contains("repeats claims[0]");
    }

    private static List<FieldError> errors(String json) {
        Throwable thrown = catchThrowable(() -> StudySpecParser.parse(json));
        assertThat(thrown).isInstanceOf(SpecValidationException.class);
        return ((SpecValidationException) thrown).errors();
    }

    private static String message(List<FieldError> errors, String field) {
        return errors.stream()
                .filter(e -> e.field().equals(field))
                .map(FieldError::message)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + field + " in " + errors));
    }
}
