package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/**
 * Reading numbers out of API answers without Jackson's lenient defaults: {@code path(...).asDouble()} reads a
 * missing or null node as 0.0, so a report that dropped a field would still pass. These fail instead.
 */
final class JsonAssertions {

    private JsonAssertions() {}

    /** The number at a JSON pointer ({@code /summary/median}); fails when it is missing or not a number. */
    static double number(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        assertThat(value.isNumber())
                .as("a number at " + pointer + " in " + node)
                .isTrue();
        return value.doubleValue();
    }

    /** The whole number at a JSON pointer; fails when it is missing or not an integer. */
    static int integer(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        assertThat(value.isIntegralNumber())
                .as("an integer at " + pointer + " in " + node)
                .isTrue();
        return value.intValue();
    }
}
