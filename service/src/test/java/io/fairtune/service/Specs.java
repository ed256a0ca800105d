package io.fairtune.service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Study specs for tests, built from the shared reference specs by named edits on their JSON tree (never by
 * replacing text, which silently does nothing when the text changes).
 */
final class Specs {

    private final ObjectNode root;

    private Specs(ObjectNode root) {
        this.root = root;
    }

    /** {@code shared/examples/studies/synthetic-smoke.json}: 2 arms x 4 trials of 40 steps, 2 final seeds. */
    static Specs smoke() {
        return of("synthetic-smoke.json");
    }

    static Specs of(String file) {
        return new Specs((ObjectNode) TestApi.JSON.readTree(SharedExamples.study(file)));
    }

    Specs trainingSteps(int steps) {
        return set("/workload", "trainingSteps", steps);
    }

    Specs evalEverySteps(int steps) {
        return set("/workload", "evalEverySteps", steps);
    }

    Specs trialsPerArm(int trials) {
        return set("/budget", "trialsPerArm", trials);
    }

    Specs maxParallelTrials(int trials) {
        return set("/budget", "maxParallelTrials", trials);
    }

    Specs maxAttemptsPerTrial(int attempts) {
        return set("/budget", "maxAttemptsPerTrial", attempts);
    }

    Specs finalSeeds(int seeds) {
        return set("/finalEvaluation", "seeds", seeds);
    }

    /** Appends an arm (JSON text) to {@code arms}. */
    Specs arm(String json) {
        ((tools.jackson.databind.node.ArrayNode) root.get("arms")).add(TestApi.JSON.readTree(json));
        return this;
    }

    /** Any field: {@code set("/arms/0/space/learning_rate", "min", "0.5")} (the value is JSON text). */
    Specs set(String object, String field, Object value) {
        JsonNode parent = root.at(object);
        if (!(parent instanceof ObjectNode target)) {
            throw new IllegalArgumentException("no object at " + object + " in the spec");
        }
        target.set(field, TestApi.JSON.readTree(value instanceof String text ? text : String.valueOf(value)));
        return this;
    }

    String json() {
        return root.toString();
    }
}
