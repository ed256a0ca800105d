package io.fairtune.worker.training;

import io.fairtune.contract.protocol.Measurement;
import java.util.ArrayList;
import java.util.List;

/** Keeps every measurement; stops the run after {@code stopAfterPolls} polls when that is positive. */
final class RecordingListener implements TrainingListener {

    final List<Measurement> measurements = new ArrayList<>();
    private final int stopAfterPolls;
    private int polls;

    RecordingListener() {
        this(0);
    }

    RecordingListener(int stopAfterPolls) {
        this.stopAfterPolls = stopAfterPolls;
    }

    @Override
    public void onMeasurement(Measurement measurement) {
        measurements.add(measurement);
    }

    @Override
    public boolean shouldStop() {
        polls++;
        return stopAfterPolls > 0 && polls > stopAfterPolls;
    }

    /** The curve without wall-clock times, which differ between identical runs. */
    List<List<Double>> curve() {
        return measurements.stream()
                .map(m -> List.of(
                        (double) m.step(), m.trainLoss(), m.validationLoss(), m.validationAccuracy(), m.learningRate()))
                .toList();
    }

    Measurement last() {
        return measurements.get(measurements.size() - 1);
    }
}
