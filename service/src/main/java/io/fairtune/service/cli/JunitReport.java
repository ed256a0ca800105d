package io.fairtune.service.cli;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A study's claims as a JUnit XML report (the Surefire dialect that Jenkins, GitLab and GitHub test reporters
 * read): one test case per claim, a failed claim a {@code <failure>} with the verdict sentence as its message. An
 * unsettled claim is a failure or a pass as {@code --inconclusive} says, and by default a skipped case, because it
 * neither held nor broke.
 */
final class JunitReport {

    private JunitReport() {}

    /** Renders the claims of a study as the service describes it ({@code GET /studies/{id}}). */
    static String render(JsonNode study, List<Verdict.Claim> claims, Verdict.Inconclusive policy) {
        JsonNode summary = study.path("summary");
        return render(
                summary.path("name").asString("study"),
                summary.path("id").asLong(),
                summary.path("durationSeconds").asDouble(0),
                claims,
                policy);
    }

    static String render(
            String studyName, long studyId, double seconds, List<Verdict.Claim> claims, Verdict.Inconclusive policy) {
        int failures = 0;
        int skipped = 0;
        StringBuilder cases = new StringBuilder();
        String className = "fairtune." + studyName;
        for (Verdict.Claim claim : claims) {
            cases.append("    <testcase classname=\"")
                    .append(xml(className))
                    .append("\" name=\"")
                    .append(xml(claim.statement()))
                    .append("\" time=\"0\">\n");
            String message = claim.outcome() + ": " + claim.text();
            if ("FAIL".equals(claim.outcome()) || (claim.unsettled() && policy == Verdict.Inconclusive.FAIL)) {
                failures++;
                cases.append("      <failure type=\"")
                        .append(xml(claim.outcome()))
                        .append("\" message=\"")
                        .append(xml(message))
                        .append("\">")
                        .append(xml(message))
                        .append("</failure>\n");
            } else if (claim.unsettled() && policy == Verdict.Inconclusive.EXIT2) {
                skipped++;
                cases.append("      <skipped message=\"").append(xml(message)).append("\"/>\n");
            } else if (!"PASS".equals(claim.outcome()) && !claim.unsettled()) {
                failures++;
                cases.append("      <failure type=\"")
                        .append(xml(claim.outcome()))
                        .append("\" message=\"")
                        .append(xml("unknown outcome " + message))
                        .append("\"/>\n");
            }
            cases.append("      <system-out>").append(xml(message)).append("</system-out>\n");
            cases.append("    </testcase>\n");
        }
        String suite = "fairtune study " + studyId + " " + studyName;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites>\n"
                + "  <testsuite name=\"" + xml(suite) + "\" tests=\"" + claims.size() + "\" failures=\"" + failures
                + "\" errors=\"0\" skipped=\"" + skipped + "\" time=\"" + String.format(Locale.ROOT, "%.3f", seconds)
                + "\">\n"
                + cases
                + "  </testsuite>\n"
                + "</testsuites>\n";
    }

    /** Escapes text for an attribute or element, dropping the control characters XML 1.0 cannot hold. */
    static String xml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                case '\n' -> escaped.append("&#10;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\r') {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
