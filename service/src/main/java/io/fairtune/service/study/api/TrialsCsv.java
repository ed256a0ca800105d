package io.fairtune.service.study.api;

import io.fairtune.service.study.api.StudyViews.TrialSummary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every trial of a study as RFC 4180 CSV: one column per hyperparameter of any arm (empty where an arm has
 * none), then status and metrics. Non-finite numbers are written as NaN / Infinity, like the JSON API.
 */
final class TrialsCsv {

    private TrialsCsv() {}

    static String render(List<TrialSummary> trials) {
        Set<String> hyperparameters = new LinkedHashSet<>();
        trials.forEach(t -> hyperparameters.addAll(t.hyperparameters().keySet()));
        List<String> header = new ArrayList<>(
                List.of("trial_id", "arm", "optimizer", "phase", "sample_index", "seed", "status", "attempts"));
        header.addAll(hyperparameters);
        header.addAll(List.of(
                "steps_completed",
                "best_val_accuracy",
                "final_val_accuracy",
                "steps_to_target",
                "wall_seconds",
                "samples_per_second",
                "test_accuracy",
                "test_loss",
                "failure_message"));
        StringBuilder out = new StringBuilder();
        row(out, header);
        for (TrialSummary t : trials) {
            List<Object> cells = new ArrayList<>(List.of(
                    t.id(), t.arm(), t.optimizer(), t.phase(), t.sampleIndex(), t.seed(), t.status(), t.attempts()));
            hyperparameters.forEach(name -> cells.add(t.hyperparameters().get(name)));
            cells.add(t.stepsCompleted());
            cells.add(t.bestValAccuracy());
            cells.add(t.finalValAccuracy());
            cells.add(t.stepsToTarget());
            cells.add(t.wallSeconds());
            cells.add(t.samplesPerSecond());
            cells.add(t.testAccuracy());
            cells.add(t.testLoss());
            cells.add(t.failureMessage());
            row(out, cells);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(cells.get(i)));
        }
        out.append("\r\n");
    }

    private static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        boolean quote =
                text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
