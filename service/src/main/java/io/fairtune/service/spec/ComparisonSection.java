package io.fairtune.service.spec;

import io.fairtune.service.spec.StudySpec.Comparison;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code comparisons}: pairs of distinct arms, each pair once in either order. */
final class ComparisonSection {

    private static final List<String> COMPARISON_FIELDS = List.of("candidate", "baseline");

    private ComparisonSection() {}

    /** The comparisons given; null when left out (every pair of arms is compared) or not a non-empty array. */
    static List<Comparison> read(SpecCursor study, List<String> armNames) {
        SpecCursor list = study.field("comparisons");
        if (list.isAbsent()) {
            return null;
        }
        if (!list.isNonEmptyArray(
                "an array of {\"candidate\", \"baseline\"}",
                "must list at least one comparison; leave it out to compare every pair of arms")) {
            return null;
        }
        List<Comparison> comparisons = new ArrayList<>();
        Map<Set<String>, Integer> pairs = new HashMap<>();
        for (int i = 0; i < list.node().size(); i++) {
            SpecCursor c = list.element(i).object(COMPARISON_FIELDS);
            if (c == null) {
                continue;
            }
            String candidate = armName(c, "candidate", armNames);
            String baseline = armName(c, "baseline", armNames);
            if (candidate == null || baseline == null) {
                continue;
            }
            if (candidate.equals(baseline)) {
                c.error("compares arm '" + candidate + "' with itself");
                continue;
            }
            Integer previous = pairs.putIfAbsent(Set.of(candidate, baseline), i);
            if (previous != null) {
                c.error("compares the same pair of arms as comparisons[" + previous + "]");
                continue;
            }
            comparisons.add(new Comparison(candidate, baseline));
        }
        return comparisons;
    }

    private static String armName(SpecCursor comparison, String key, List<String> armNames) {
        String name = comparison.string(key, true);
        if (name != null && !armNames.contains(name)) {
            comparison.error(key, SpecCursor.unknown("arm", name, armNames));
            return null;
        }
        return name;
    }
}
