package io.fairtune.service.report;

import io.fairtune.service.json.Json;
import io.fairtune.service.report.Report.ArmReport;
import io.fairtune.service.report.Report.BestOfK;
import io.fairtune.service.report.Report.ClaimFamily;
import io.fairtune.service.report.Report.ClaimResult;
import io.fairtune.service.report.Report.Comparison;
import io.fairtune.service.report.Report.Distribution;
import io.fairtune.service.report.Report.Effort;
import io.fairtune.service.report.Report.FairnessCheck;
import io.fairtune.service.report.Report.FinalPhase;
import io.fairtune.service.study.api.StudyViews.WorkloadView;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The report as a Markdown page to paste into a pull request or a paper appendix. */
final class MarkdownReport {

    private MarkdownReport() {}

    static String render(Report report) {
        StringBuilder md = new StringBuilder();
        WorkloadView w = report.workload();
        md.append("# ").append(report.name()).append(" — fair optimizer comparison\n\n");
        md.append("Study ")
                .append(report.studyId())
                .append(", ")
                .append(report.status().name().toLowerCase(Locale.ROOT));
        md.append(". Workload: `")
                .append(w.model())
                .append("` on `")
                .append(w.dataset())
                .append(w.trainer() == null ? "`" : "` (external trainer `" + w.trainer() + "`)")
                .append(", batch ")
                .append(w.batchSize())
                .append(", ")
                .append(w.trainingSteps())
                .append(" steps, target ")
                .append(report.target().metric())
                .append(" ≥ ")
                .append(fixed(report.target().value(), 3))
                .append(". Search: ")
                .append(report.searchAlgorithm())
                .append(" (seed ")
                .append(report.searchSeed())
                .append("). Generated ")
                .append(report.generatedAt())
                .append(".\n\n");
        if (!report.labels().isEmpty()) {
            md.append("Labels: ")
                    .append(report.labels().entrySet().stream()
                            .map(label -> "`" + label.getKey() + "`: " + literal(label.getValue()))
                            .collect(java.util.stream.Collectors.joining(", ")))
                    .append(".\n\n");
        }

        md.append("## Claims\n\n");
        ClaimFamily family = report.claims();
        if (family == null || family.results().isEmpty()) {
            md.append("This study states no claims: the comparisons below are exploratory and judge nothing.\n");
        } else {
            md.append(family.text()).append("\n\n");
            md.append("| claim | outcome | difference, points [interval] | interval | basis | n | seeds to settle |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            for (ClaimResult c : family.results()) {
                md.append("| ")
                        .append(c.statement())
                        .append(" | **")
                        .append(c.outcome())
                        .append("** | ")
                        .append(c.estimate() == null ? "—" : ClaimJudge.interval(c.estimate(), c.lower(), c.upper()))
                        .append(" | ")
                        .append(c.confidence() == null ? "—" : fixed(100 * c.confidence(), 1) + "% " + c.method())
                        .append(" | ")
                        .append(c.basis().equals("best_of_k") ? "best of " + c.k() : "final phase")
                        .append(" | ")
                        .append(c.candidateN() == null ? "—" : c.candidateN() + " vs " + c.baselineN())
                        .append(" | ")
                        .append(c.seedsNeeded() == null ? "—" : Integer.toString(c.seedsNeeded()))
                        .append(" |\n");
            }
            md.append('\n');
            for (ClaimResult c : family.results()) {
                md.append("- ").append(c.text()).append('\n');
            }
        }
        if (!report.comparisons().isEmpty()) {
            md.append("\n## Exploratory comparisons\n\n");
            md.append("Unadjusted 95% intervals, for looking rather than concluding.\n\n");
            for (Comparison c : report.comparisons()) {
                md.append("- ").append(c.text()).append('\n');
            }
        }
        md.append("\n## Tuning effort\n\n");
        md.append("| arm | optimizer | weight decay | planned | succeeded | diverged | failed | cancelled |"
                + " lost trials (not counted) | unfinished | lost attempts (not counted) | training steps |"
                + " compute s |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ArmReport arm : report.arms()) {
            Effort e = arm.effort();
            md.append("| ")
                    .append(arm.name())
                    .append(" | ")
                    .append(arm.optimizer())
                    .append(" | ")
                    .append(arm.weightDecayKind().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(e.planned())
                    .append(" | ")
                    .append(e.succeeded())
                    .append(" | ")
                    .append(e.diverged())
                    .append(" | ")
                    .append(e.failed())
                    .append(" | ")
                    .append(e.cancelled())
                    .append(" | ")
                    .append(e.lost())
                    .append(" | ")
                    .append(e.unfinished())
                    .append(" | ")
                    .append(e.lostAttempts())
                    .append(" | ")
                    .append(e.trainingSteps())
                    .append(" | ")
                    .append(fixed(e.computeSeconds(), 1))
                    .append(" |\n");
        }

        md.append("\n## Best trial per arm\n\n");
        md.append("| arm | trial | sample | best val accuracy | steps to target | hyperparameters |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (ArmReport arm : report.arms()) {
            if (arm.best() == null) {
                md.append("| ").append(arm.name()).append(" | — | — | no successful trial | — | — |\n");
                continue;
            }
            md.append("| ")
                    .append(arm.name())
                    .append(" | ")
                    .append(arm.best().trialId())
                    .append(" | ")
                    .append(arm.best().sampleIndex())
                    .append(" | ")
                    .append(percent(arm.best().bestValAccuracy()))
                    .append(" | ")
                    .append(orDash(arm.best().stepsToTarget()))
                    .append(" | ")
                    .append(hyperparameters(arm.best().hyperparameters()))
                    .append(" |\n");
        }

        md.append("\n## Expected best validation accuracy after k trials\n\n");
        TreeSet<Integer> ks = new TreeSet<>();
        report.arms()
                .forEach(a -> a.bestOfK().forEach(p -> {
                    if (p.k() <= 3
                            || Integer.bitCount(p.k()) == 1
                            || p.k() == a.bestOfK().size()) {
                        ks.add(p.k());
                    }
                }));
        md.append("| arm |");
        ks.forEach(k -> md.append(" k=").append(k).append(" |"));
        md.append("\n|---|");
        ks.forEach(k -> md.append("---|"));
        md.append('\n');
        for (ArmReport arm : report.arms()) {
            md.append("| ").append(arm.name()).append(" |");
            for (int k : ks) {
                BestOfK point = k <= arm.bestOfK().size() ? arm.bestOfK().get(k - 1) : null;
                md.append(' ')
                        .append(
                                point == null
                                        ? ""
                                        : point.low() == null
                                                ? percent(point.expected())
                                                : percent(point.expected()) + " [" + percent(point.low()) + ", "
                                                        + percent(point.high()) + "]")
                        .append(" |");
            }
            md.append('\n');
        }

        md.append("\n## Final phase: test accuracy over fresh seeds\n\n");
        md.append(
                "| arm | runs | min | q1 | median | q3 | max | mean | sd | reached target | median steps to target |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ArmReport arm : report.arms()) {
            FinalPhase f = arm.finalPhase();
            Distribution s = f == null ? null : f.summary();
            if (s == null) {
                md.append("| ")
                        .append(arm.name())
                        .append(" | ")
                        .append(f == null ? 0 : f.runs().size())
                        .append(" | — | — | — | — | — | — | — | — | — |\n");
                continue;
            }
            md.append("| ")
                    .append(arm.name())
                    .append(" | ")
                    .append(s.n())
                    .append(" | ")
                    .append(percent(s.min()))
                    .append(" | ")
                    .append(percent(s.q1()))
                    .append(" | ")
                    .append(percent(s.median()))
                    .append(" | ")
                    .append(percent(s.q3()))
                    .append(" | ")
                    .append(percent(s.max()))
                    .append(" | ")
                    .append(percent(s.mean()))
                    .append(" | ")
                    .append(Double.isFinite(s.sd()) ? percent(s.sd()) : "—")
                    .append(" | ")
                    .append(fixed(100 * s.fractionReachingTarget(), 0))
                    .append("% | ")
                    .append(f.medianStepsToTarget() == null ? "—" : fixed(f.medianStepsToTarget(), 0))
                    .append(" |\n");
        }

        md.append("\n## Fairness checks\n\n");
        for (FairnessCheck check : report.fairnessChecks()) {
            md.append("- **")
                    .append(check.status())
                    .append("** ")
                    .append(check.name())
                    .append(": ")
                    .append(check.message())
                    .append('\n');
        }

        md.append("\n## Search spaces\n\n");
        for (ArmReport arm : report.arms()) {
            md.append("- **")
                    .append(arm.name())
                    .append("** (`")
                    .append(arm.optimizer())
                    .append("`, schedule `")
                    .append(arm.scheduleType())
                    .append("`): `")
                    .append(Json.write(arm.space()))
                    .append("`\n");
        }
        return md.toString();
    }

    /** Text from a user (a label value, a branch name) shown as typed: Markdown's punctuation escaped. */
    static String literal(String text) {
        return text.replaceAll("([\\\\`*_\\[\\]<>|#~!()])", "\\\\$1");
    }

    private static String percent(double fraction) {
        return fixed(100 * fraction, 1) + "%";
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String orDash(Integer value) {
        return value == null ? "—" : value.toString();
    }

    private static String hyperparameters(Map<String, Object> values) {
        List<String> parts = values.entrySet().stream()
                .map(e -> e.getKey() + "="
                        + (e.getValue() instanceof Double d
                                ? String.format(Locale.ROOT, "%.4g", d)
                                : String.valueOf(e.getValue())))
                .toList();
        return String.join(", ", parts);
    }
}
