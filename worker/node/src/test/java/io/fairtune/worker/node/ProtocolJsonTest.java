package io.fairtune.worker.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.MeasurementBatch;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The wire format workers send: a diverged run's non-finite numbers must survive as JSON strings. */
class ProtocolJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void nonFiniteMeasurementsTravelAsStringsAndComeBack() {
        MeasurementBatch batch = new MeasurementBatch(
                List.of(new Measurement(10, Double.NaN, Double.POSITIVE_INFINITY, 0.1, 0.5, 1.25)));
        String text = json.writeValueAsString(batch);
        assertThat(text).contains("\"NaN\"", "\"Infinity\"");
        Measurement back =
                json.readValue(text, MeasurementBatch.class).measurements().get(0);
        assertThat(back.trainLoss()).isNaN();
        assertThat(back.validationLoss()).isInfinite();
        assertThat(back.elapsedSeconds()).isEqualTo(1.25);
    }

    @Test
    void aResultWithoutTargetOrTestAccuracyRoundTrips() {
        TrainingResult result = new TrainingResult(
                TrainingOutcome.DIVERGED, 7, 0.1, Double.NaN, null, 2.0, 100.0, null, null, "loss NaN");
        TrainingResult back = json.readValue(json.writeValueAsString(result), TrainingResult.class);
        assertThat(back.outcome()).isEqualTo(TrainingOutcome.DIVERGED);
        assertThat(back.finalValidationAccuracy()).isNaN();
        assertThat(back.stepsToTarget()).isNull();
    }

    @Test
    void aResultWithoutPointsReadsAsOneThatCarriesNone() {
        TrainingResult back = json.readValue(
                "{\"outcome\":\"SUCCEEDED\",\"stepsCompleted\":3,\"bestValidationAccuracy\":0.5,"
                        + "\"finalValidationAccuracy\":0.5,\"wallSeconds\":1.0,\"samplesPerSecond\":10.0}",
                TrainingResult.class);
        assertThat(back.measurements()).isEmpty();
        TrainingResult carrying = back.withMeasurements(List.of(new Measurement(3, 1.0, 1.0, 0.5, 0.1, 1.0)));
        TrainingResult again = json.readValue(json.writeValueAsString(carrying), TrainingResult.class);
        assertThat(again).isEqualTo(carrying);
    }
}
