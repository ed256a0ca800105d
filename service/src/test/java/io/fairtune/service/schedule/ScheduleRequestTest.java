package io.fairtune.service.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleRequestTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private static String spec() throws IOException {
        try (InputStream in = ScheduleRequestTest.class.getResourceAsStream("/specs/synthetic-smoke.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String request(String cron, String zone) throws IOException {
        return "{\"name\": \"nightly\", \"cron\": \"" + cron + "\""
                + (zone == null ? "" : ", \"timeZone\": \"" + zone + "\"") + ", \"spec\": " + spec() + "}";
    }

    private static List<String> errors(String json, Duration minInterval) {
        return catchThrowableOfType(
                        ScheduleRequestInvalidException.class, () -> ScheduleRequest.parse(json, minInterval, NOW))
                .errors()
                .stream()
                .map(e -> e.field() + ": " + e.message())
                .toList();
    }

    @Test
    void aNightlyCronInATimeZoneIsAccepted() throws IOException {
        ScheduleRequest request = ScheduleRequest.parse(request("0 0 2 * * ?", "Europe/Berlin"), MINUTE, NOW);
        assertThat(request.name()).isEqualTo("nightly");
        assertThat(request.zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(ScheduleRequest.parse(request("0 30 1 ? * MON-FRI", null), MINUTE, NOW)
                        .zone()
                        .getId())
                .isEqualTo("UTC");
    }

    @Test
    void firingsCloserThanTheMinimumIntervalAreRefused() throws IOException {
        assertThat(errors(request("*/10 * * * * ?", null), MINUTE))
                .containsExactly("cron: fires 10 s apart; the shortest interval allowed is 60 s"
                        + " (fairtune.schedules.min-interval)");
        // Bunched firings are caught even when the first gap is long: 02:00, 02:00:05.
        assertThat(errors(request("0,5 0 2 * * ?", null), MINUTE))
                .singleElement()
                .asString()
                .contains("5 s apart");
        assertThat(ScheduleRequest.parse(request("0 * * * * ?", null), MINUTE, NOW)
                        .cron())
                .isEqualTo("0 * * * * ?");
    }

    @Test
    void aCronThatIsNotQuartzsOrNeverFiresIsRefused() throws IOException {
        assertThat(errors(request("0 2 * * *", null), MINUTE))
                .singleElement()
                .asString()
                .startsWith("cron: is not a Quartz cron expression");
        assertThat(errors(request("0 0 2 * * ? 2020", null), MINUTE)).containsExactly("cron: never fires after now");
        assertThat(errors(request("0 0 2 * * ?", "Mars/Olympus"), MINUTE))
                .containsExactly("timeZone: 'Mars/Olympus' is not a time zone id such as Europe/Berlin");
    }

    @Test
    void theSpecIsValidatedAsAFiringWillSubmitIt() throws IOException {
        String thirtyTwoLabels = spec().replaceFirst(
                        "\\{",
                        "{\"labels\": {"
                                + String.join(
                                        ", ",
                                        java.util.stream.IntStream.range(0, 32)
                                                .mapToObj(i -> "\"k" + i + "\": \"v\"")
                                                .toList())
                                + "},");
        String json = "{\"name\": \"n\", \"cron\": \"0 0 2 * * ?\", \"spec\": " + thirtyTwoLabels + "}";
        // The schedule's own label would be the 33rd.
        assertThat(errors(json, MINUTE)).singleElement().asString().startsWith("spec.labels");
        assertThat(errors("{\"name\": \"n\", \"cron\": \"0 0 2 * * ?\"}", MINUTE))
                .singleElement()
                .asString()
                .startsWith("spec: is required");
        assertThat(errors("not json", MINUTE)).singleElement().asString().startsWith(": malformed JSON");
    }

    @Test
    void theLabelIsSetOnTheSpecAFiringSubmits() throws IOException {
        assertThat(ScheduleRequest.labelled(spec(), 7)).contains("\"labels\":{\"schedule\":\"7\"}");
        assertThat(ScheduleRequest.labelled("{\"labels\": {\"branch\": \"main\"}}", 7))
                .isEqualTo("{\"labels\":{\"branch\":\"main\",\"schedule\":\"7\"}}");
    }
}
