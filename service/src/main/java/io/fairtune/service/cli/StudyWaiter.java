package io.fairtune.service.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Follows a study until it finishes, with its progress on stderr: a bar redrawn in place on a terminal, one line
 * per change otherwise (a CI log). On the deadline the study is cancelled, so no cluster keeps training for a
 * pipeline that gave up, and the command exits 4.
 */
final class StudyWaiter {

    private static final List<String> FINISHED_TRIALS = List.of("SUCCEEDED", "DIVERGED", "FAILED", "CANCELLED", "LOST");

    private final ServiceClient client;
    private final PrintWriter err;
    private final boolean terminal;
    private final Duration pollEvery;

    StudyWaiter(ServiceClient client, PrintWriter err, boolean terminal, Duration pollEvery) {
        this.client = client;
        this.err = err;
        this.terminal = terminal;
        this.pollEvery = pollEvery;
    }

    /** Returns the finished study; a cancelled study or the deadline exits 4. */
    JsonNode await(long id, Duration timeout) {
        long started = System.nanoTime();
        long deadline = timeout == null ? Long.MAX_VALUE : started + timeout.toNanos();
        String last = null;
        while (true) {
            JsonNode study = client.study(id);
            String status = study.path("summary").path("status").asString("");
            String state = progress(study);
            String line = state + " " + describe(Duration.ofNanos(System.nanoTime() - started));
            if (terminal) {
                err.print("\r\033[2K" + line);
                err.flush();
            } else if (!state.equals(last)) {
                err.println(line);
                err.flush();
            }
            last = state;
            if ("COMPLETED".equals(status) || "CANCELLED".equals(status)) {
                if (terminal) {
                    err.println();
                }
                if ("CANCELLED".equals(status)) {
                    throw CliFailure.infrastructure("study " + id + " was cancelled before it completed");
                }
                return study;
            }
            if (System.nanoTime() - deadline >= 0) {
                if (terminal) {
                    err.println();
                }
                client.cancel(id);
                throw CliFailure.infrastructure(
                        "study " + id + " did not finish within " + describe(timeout) + "; it was cancelled");
            }
            try {
                Thread.sleep(Math.min(pollEvery.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliFailure.infrastructure("interrupted while waiting for study " + id);
            }
        }
    }

    /** The state of a study in one line: "study 7 TUNING [#####.....] tuning 5/8, final 0/4 (1 running)". */
    static String progress(JsonNode study) {
        JsonNode summary = study.path("summary");
        int finalSeeds = study.path("budget").path("finalSeeds").asInt(0);
        long tuningPlanned = 0;
        long tuningDone = 0;
        long finalDone = 0;
        long running = 0;
        long diverged = 0;
        long failed = 0;
        int arms = 0;
        for (JsonNode arm : summary.path("arms")) {
            arms++;
            tuningPlanned += arm.path("planned").asLong(0);
            tuningDone += count(arm.path("tuning"), FINISHED_TRIALS);
            finalDone += count(arm.path("finalPhase"), FINISHED_TRIALS);
            for (String phase : List.of("tuning", "finalPhase")) {
                running += count(arm.path(phase), List.of("RUNNING"));
                diverged += count(arm.path(phase), List.of("DIVERGED"));
                failed += count(arm.path(phase), List.of("FAILED"));
            }
        }
        long finalPlanned = (long) finalSeeds * arms;
        long total = tuningPlanned + finalPlanned;
        long done = tuningDone + finalDone;
        int width = 20;
        int filled = total == 0 ? 0 : (int) (width * done / total);
        StringBuilder line = new StringBuilder()
                .append("study ")
                .append(summary.path("id").asLong())
                .append(' ')
                .append(summary.path("status").asString(""))
                .append(" [")
                .append("#".repeat(filled))
                .append(".".repeat(width - filled))
                .append("] tuning ")
                .append(tuningDone)
                .append('/')
                .append(tuningPlanned)
                .append(", final ")
                .append(finalDone)
                .append('/')
                .append(finalPlanned);
        StringBuilder notes = new StringBuilder();
        appendNote(notes, running, "running");
        appendNote(notes, diverged, "diverged");
        appendNote(notes, failed, "failed");
        if (!notes.isEmpty()) {
            line.append(" (").append(notes).append(')');
        }
        // e.g. "waiting: no live worker has trainer 'torch'": a study that cannot move says why.
        String waiting = study.path("waiting").asString("");
        if (!waiting.isEmpty()) {
            line.append("; ").append(waiting);
        }
        return line.toString();
    }

    private static void appendNote(StringBuilder notes, long count, String what) {
        if (count > 0) {
            notes.append(notes.isEmpty() ? "" : ", ").append(count).append(' ').append(what);
        }
    }

    private static long count(JsonNode counts, List<String> statuses) {
        long sum = 0;
        for (String status : statuses) {
            sum += counts.path(status).asLong(0);
        }
        return sum;
    }

    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
