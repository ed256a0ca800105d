package io.fairtune.contract.protocol;

import java.util.List;

/** Learning-curve points of one attempt; re-sending a step is harmless (stored once). */
public record MeasurementBatch(List<Measurement> measurements) {
    public MeasurementBatch {
        measurements = List.copyOf(measurements);
    }
}
