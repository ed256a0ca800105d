package io.fairtune.service;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Polls a study until it has finished, within a deadline. */
final class StudyWaits {

    private StudyWaits() {}

    static JsonNode untilFinished(TestApi api, long studyId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode study;
        do {
            study = api.getJson("/api/v1/studies/" + studyId);
            String status = study.path("summary").path("status").asString();
            if (status.equals("COMPLETED") || status.equals("CANCELLED")) {
                return study;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("study " + studyId + " did not finish within " + timeout + ": " + study);
    }
}
