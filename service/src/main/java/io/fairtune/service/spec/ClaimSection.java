package io.fairtune.service.spec;

import io.fairtune.service.spec.Claim.Basis;
import io.fairtune.service.spec.Claim.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code claims}: what the study sets out to show, each judged in the report with an interval whose coverage
 * was measured, the family adjusted for multiplicity. Rejected with field errors: unknown or identical arms, a
 * missing or stray margin, an unknown kind or basis, k beyond the budget or beyond where the best-of-k interval
 * keeps its coverage, and a final-phase claim with fewer seeds than the method needs.
 */
final class ClaimSection {

    static final int MAX_CLAIMS = 64;
    private static final List<String> CLAIM_FIELDS = List.of("candidate", "baseline", "kind", "margin", "basis", "k");

    private ClaimSection() {}

    /**
     * @param trialsPerArm the budget, or null when invalid (reported there)
     * @param finalSeeds finalEvaluation.seeds, or null when invalid (reported there)
     * @return the claims; empty when there are none; null when any is invalid
     */
    static List<Claim> read(
            SpecCursor study, List<String> armNames, Integer trialsPerArm, Integer finalSeeds, ClaimLimits limits) {
        SpecCursor list = study.field("claims");
        if (list.isAbsent()) {
            return List.of();
        }
        if (!list.isNonEmptyArray(
                "an array of {\"candidate\", \"baseline\", \"kind\", \"margin\", \"basis\"}",
                "must list at least one claim; leave it out for exploratory comparisons only")) {
            return null;
        }
        if (list.node().size() > MAX_CLAIMS) {
            list.error("must list at most " + MAX_CLAIMS + " claims, got "
                    + list.node().size());
        }
        int before = list.errorCount();
        List<Claim> claims = new ArrayList<>();
        Map<Claim, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.node().size(); i++) {
            Claim claim = claim(list.element(i), armNames, trialsPerArm, finalSeeds, limits);
            if (claim == null) {
                continue;
            }
            Integer previous = seen.putIfAbsent(claim, i);
            if (previous != null) {
                list.element(i).error("repeats claims[" + previous + "]");
            }
            claims.add(claim);
        }
        return list.errorCount() > before ? null : List.copyOf(claims);
    }

    private static Claim claim(
            SpecCursor element, List<String> armNames, Integer trialsPerArm, Integer finalSeeds, ClaimLimits limits) {
        SpecCursor c = element.object(CLAIM_FIELDS);
        if (c == null) {
            return null;
        }
        int before = c.errorCount();
        String candidate = arm(c, "candidate", armNames);
        String baseline = arm(c, "baseline", armNames);
        if (candidate != null && candidate.equals(baseline)) {
            c.error("baseline", "is the candidate itself: a claim compares two different arms");
        }
        Kind kind = c.lookup("kind", c.string("kind", true), "claim kind", Kind::fromSpecName, Kind.specNames());
        Basis basis = c.lookup("basis", c.string("basis", true), "claim basis", Basis::fromSpecName, Basis.specNames());
        double margin = 0;
        SpecCursor marginField = c.field("margin");
        if (kind != null && kind.needsMargin()) {
            if (marginField.isAbsent()) {
                marginField.error("is required for a " + kind.specName() + " claim: the difference δ that matters,"
                        + " as a fraction of accuracy (0.005 is half a point)");
            } else {
                Double value = marginField.real();
                if (value != null && !(value > 0 && value < 1)) {
                    marginField.error("must be in (0, 1), a fraction of accuracy, got " + marginField.node());
                } else if (value != null) {
                    margin = value;
                }
            }
        } else if (kind == Kind.SUPERIOR && !marginField.isAbsent()) {
            marginField.error("a superior claim has no margin: use non_inferior or equivalent to give one");
        }
        Integer k = null;
        SpecCursor kField = c.field("k");
        if (basis == Basis.BEST_OF_K) {
            k = bestOfK(c, trialsPerArm, limits);
        } else if (basis == Basis.FINAL_PHASE) {
            if (!kField.isAbsent()) {
                kField.error("is only for best_of_k claims");
            }
            if (finalSeeds != null && finalSeeds < limits.minSeeds()) {
                c.error(
                        "basis",
                        "a final_phase claim needs finalEvaluation.seeds of at least " + limits.minSeeds()
                                + " (the interval keeps its coverage from " + limits.minSeeds()
                                + " seeds per arm); the spec has " + finalSeeds);
            }
        }
        if (c.errorCount() > before || candidate == null || baseline == null || kind == null || basis == null) {
            return null;
        }
        return new Claim(candidate, baseline, kind, margin, basis, k);
    }

    private static Integer bestOfK(SpecCursor c, Integer trialsPerArm, ClaimLimits limits) {
        if (trialsPerArm == null) {
            Long k = c.integer("k", 1, Integer.MAX_VALUE, true, "");
            return k == null ? null : k.intValue();
        }
        int covered = limits.maxK(trialsPerArm);
        if (covered < 1) {
            c.error(
                    "basis",
                    "best_of_k needs more trials per arm: its interval keeps no coverage at " + trialsPerArm
                            + " trials per arm");
            return null;
        }
        Long k = c.integer("k", 1, Integer.MAX_VALUE, true, " (trials the expected best is taken over)");
        if (k == null) {
            return null;
        }
        if (k > trialsPerArm) {
            c.error("k", "must be at most budget.trialsPerArm (" + trialsPerArm + "), got " + k);
            return null;
        }
        if (k > covered) {
            c.error(
                    "k",
                    "must be at most " + covered + " with " + trialsPerArm + " trials per arm: beyond that the"
                            + " best-of-k interval loses its coverage; got " + k);
            return null;
        }
        return k.intValue();
    }

    private static String arm(SpecCursor claim, String key, List<String> armNames) {
        String name = claim.string(key, true);
        if (name != null && !armNames.contains(name)) {
            claim.error(key, SpecCursor.unknown("arm", name, armNames));
            return null;
        }
        return name;
    }
}
