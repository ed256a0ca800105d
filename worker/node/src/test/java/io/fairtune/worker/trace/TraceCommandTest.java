package io.fairtune.worker.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TraceCommandTest {

    private static final String PARAMS = "\"params\": {\"w\": {\"shape\": [2, 2], \"values\": [1, 2, 3, 4]},"
            + " \"b\": {\"shape\": [2], \"values\": [0.1, 0.2]}}";
    private static final String GRADIENTS =
            "\"gradients\": [{\"w\": [1, 1, 1, 1], \"b\": [1, 2]}, {\"w\": [0, 1, 0, 1], \"b\": [0.5, 0]}]";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsTheParamsAfterEachStepWithFullPrecision() throws IOException {
        int exit = run(
                write("{\"optimizer\": \"sgd\", " + PARAMS + ", " + GRADIENTS + ", \"learningRates\": [0.1, 0.2]}"));
        assertThat(err()).isEmpty();
        assertThat(exit).isZero();
        JsonNode result = JsonMapper.shared().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(result.get("learningRates").toString()).isEqualTo("[0.1,0.2]");
        assertThat(result.get("params").size()).isEqualTo(2);
        // 0.2 − 0.1·2 = 0 and 0.1 − 0.1·1 = 0; then 0 − 0.2·0.5: full doubles, not rounded text.
        assertThat(result.get("params").get(0).get("w").toString()).isEqualTo("[0.9,1.9,2.9,3.9]");
        assertThat(result.get("params").get(1).get("w").toString())
                .isEqualTo("[0.9," + (1.9 - 0.2) + ",2.9," + (3.9 - 0.2) + "]");
        assertThat(result.get("params").get(1).get("b").toString()).isEqualTo("[-0.1,0.0]");
    }

    @Test
    void takesLearningRatesFromASchedule() throws IOException {
        int exit = run(
                write(
                        "{\"optimizer\": \"sgd\", " + PARAMS + ", " + GRADIENTS
                                + ", \"schedule\": {\"type\": \"constant\", \"learning_rate\": 0.5, \"warmup_steps\": 1}, \"steps\": 4}"));
        assertThat(err()).isEmpty();
        assertThat(exit).isZero();
        JsonNode result = JsonMapper.shared().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(result.get("learningRates").toString()).isEqualTo("[0.0,0.5]");
        assertThat(result.get("params").get(0).get("w").toString()).isEqualTo("[1.0,2.0,3.0,4.0]");
    }

    @Test
    void aScheduleOnlyCasePrintsRatesAndNoParams() throws IOException {
        int exit = run(
                write("{\"schedule\": {\"type\": \"warmup_cosine_decay\", \"learning_rate\": 1.0, \"warmup_steps\": 2},"
                        + " \"steps\": 4}"));
        assertThat(exit).isZero();
        JsonNode result = JsonMapper.shared().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(result.get("learningRates").toString()).isEqualTo("[0.0,0.5,1.0,0.5]");
        assertThat(result.get("params").isEmpty()).isTrue();
    }

    @Test
    void rejectsWrongArguments() {
        assertThat(TraceCommand.run(new String[0], print(out), print(err))).isEqualTo(TraceCommand.USAGE);
        assertThat(err()).isEqualTo("usage: trace [--plugins-dir DIR] FILE.json\n");
        assertThat(TraceCommand.run(new String[] {"--plugins-dir", "x.json"}, print(out), print(err)))
                .isEqualTo(TraceCommand.USAGE);
        assertThat(TraceCommand.run(new String[] {"--plugins-dr=x", "x.json"}, print(out), print(err)))
                .isEqualTo(TraceCommand.USAGE);
    }

    @Test
    void rejectsAMissingFile() {
        int exit = run(dir.resolve("absent.json"));
        assertThat(exit).isEqualTo(TraceCommand.INVALID_INPUT);
        assertThat(err()).endsWith("absent.json: no such file\n");
        assertThat(out.size()).isZero();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("{\"optimizer\": \"sgd\", ", "malformed JSON: Unexpected end-of-input"),
                Arguments.of(
                        "{\"optimizer\": \"adagrad\", PARAMS, GRADIENTS, \"learningRates\": [1, 1]}",
                        "unknown optimizer 'adagrad'"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", \"hyperparameters\": {\"momentum\": 0.9}, PARAMS, GRADIENTS, \"learningRates\": [1, 1]}",
                        "unknown setting 'momentum' for optimizer sgd"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", \"hyperparameters\": {\"weight_decay\": \"0.1\"}, PARAMS, GRADIENTS, \"learningRates\": [1, 1]}",
                        "'weight_decay' for optimizer sgd must be a number"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", \"params\": {\"w\": {\"shape\": [2, 3], \"values\": [1, 2]}}, \"gradients\": [], \"learningRates\": []}",
                        "param 'w' has shape [2, 3] but 2 values"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", \"params\": {\"w\": {\"shape\": [0], \"values\": []}}, \"gradients\": [], \"learningRates\": []}",
                        "whole number >= 1"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", PARAMS, \"gradients\": [{\"w\": [1, 1, 1, 1]}], \"learningRates\": [1]}",
                        "gradients[0] has no 'b'"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", PARAMS, \"gradients\": [{\"w\": [1, 1, 1], \"b\": [1, 2]}], \"learningRates\": [1]}",
                        "gradients[0].w has 3 values but the param has 4"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", PARAMS, \"gradients\": [{\"w\": [1, 1, 1, 1], \"b\": [1, 2], \"c\": [1]}], \"learningRates\": [1]}",
                        "gradient for unknown param 'c'"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", PARAMS, GRADIENTS, \"learningRates\": [1]}",
                        "1 learningRates for 2 gradient steps"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", PARAMS, GRADIENTS}", "give either 'learningRates' or 'schedule'"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", PARAMS, GRADIENTS, \"learningRates\": [1, 1], \"schedule\": {\"type\": \"constant\", \"learning_rate\": 1}}",
                        "give either 'learningRates' or 'schedule'"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", PARAMS, GRADIENTS, \"learningRates\": [1, null]}",
                        "learningRates[1] is not a number"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", PARAMS, GRADIENTS, \"learningRates\": [1, -1]}",
                        "learning rate must be finite"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", PARAMS, GRADIENTS, \"learningrates\": [1, 1]}",
                        "unknown field 'learningrates'"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", PARAMS, GRADIENTS, \"schedule\": {\"type\": \"constant\", \"learning_rate\": 1}, \"steps\": 1}",
                        "'steps' is 1 but there are 2 gradient steps"),
                Arguments.of(
                        "{\"schedule\": {\"type\": \"constant\", \"learning_rate\": 1}}",
                        "needs 'schedule' and 'steps'"),
                Arguments.of(
                        "{\"schedule\": {\"type\": \"linear\", \"learning_rate\": 1}, \"steps\": 3}",
                        "unknown schedule 'linear'"),
                Arguments.of("{\"schedule\": {\"learning_rate\": 1}, \"steps\": 3}", "needs a string 'type'"),
                Arguments.of(
                        "{\"schedule\": {\"type\": \"constant\"}, \"steps\": 3}", "needs a value for 'learning_rate'"),
                Arguments.of(
                        "{\"optimizer\": \"sgd\", \"steps\": 1, \"optimizer\": \"adam\"}",
                        "malformed JSON: Duplicate Object property \"optimizer\""),
                Arguments.of("[1, 2]", "must hold a JSON object"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInputs")
    void rejectsBadInputWithAOneLineReason(String json, String reason) throws IOException {
        int exit = run(write(json.replace("PARAMS", PARAMS).replace("GRADIENTS", GRADIENTS)));
        assertThat(exit).isEqualTo(TraceCommand.INVALID_INPUT);
        String message = err();
        assertThat(message).contains(reason).endsWith("\n");
        assertThat(message.strip()).doesNotContain("\n");
        assertThat(out.size()).isZero();
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("case.json");
        Files.writeString(file, json);
        return file;
    }

    private int run(Path file) {
        return TraceCommand.run(new String[] {file.toString()}, print(out), print(err));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream stream) {
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
    }
}
