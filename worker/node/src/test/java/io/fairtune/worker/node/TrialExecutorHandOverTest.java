package io.fairtune.worker.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.contract.protocol.AttemptApi;
import io.fairtune.contract.protocol.AttemptFailure;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.MeasurementBatch;
import io.fairtune.contract.protocol.ResultReceipt;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialAssignment;
import io.fairtune.worker.data.DatasetRepository;
import io.fairtune.worker.training.Trainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A slot goes on with the trial the service hands over with a result's answer, and a node shutting down asks for
 * none. The service is a stand-in that answers from a script; the training is real.
 */
class TrialExecutorHandOverTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<TrainingResult> results = new CopyOnWriteArrayList<>();

    @Test
    void theSlotRunsEveryTrialHandedOverUntilNoneIs() {
        AttemptApi service = new StandIn(Map.of(7L, Optional.of(assignment(8)), 8L, Optional.empty()), null);

        executor(service, Duration.ofHours(1)).run(7, () -> false);

        String worker = "test-node/" + Thread.currentThread().getName();
        assertThat(calls)
                .containsExactly("claim 7 " + worker, "result 7 next for " + worker, "result 8 next for " + worker);
        assertThat(results).hasSize(2).allSatisfy(result -> {
            assertThat(result.outcome()).isEqualTo(TrainingOutcome.SUCCEEDED);
            assertThat(result.measurements()).extracting(Measurement::step).containsExactly(20, 40, 60);
        });
    }

    @Test
    void aNodeShuttingDownReportsItsResultAndTakesNoMore() {
        AtomicBoolean shuttingDown = new AtomicBoolean();
        // The last point of the curve arrives after the last step: the node starts shutting down then.
        AttemptApi service = new StandIn(Map.of(7L, Optional.of(assignment(8))), shuttingDown);

        executor(service, Duration.ZERO).run(7, shuttingDown::get);

        assertThat(calls).first().asString().startsWith("claim 7");
        assertThat(calls).last().isEqualTo("result 7");
        assertThat(results).hasSize(1);
    }

    private TrialExecutor executor(AttemptApi service, Duration measurementInterval) {
        return new TrialExecutor(
                service,
                new Trainer(new DatasetRepository(DatasetRepository.DEFAULT_FASHION_MNIST_DIR)),
                OptimizerRegistry.builtIns(),
                "test-node",
                new Reporting(Duration.ofHours(1), measurementInterval));
    }

    /** A 60-step tuning trial of the synthetic mlp, evaluated every 20 steps. */
    private static TrialAssignment assignment(long trial) {
        Workload workload = new Workload("synthetic", "mlp", 32, 60, 20, 500, "val_accuracy", 0.99);
        return new TrialAssignment(
                trial,
                1,
                1,
                "nesterov",
                "TUNING",
                0,
                workload,
                "nesterov",
                "constant",
                Map.of("learning_rate", 0.05, "momentum", 0.9),
                11,
                false);
    }

    /** Answers a claim with the trial's assignment and each result with the scripted next trial. */
    private final class StandIn implements AttemptApi {
        private final Map<Long, Optional<TrialAssignment>> next;
        private final AtomicBoolean shutDownAtLastPoint;

        StandIn(Map<Long, Optional<TrialAssignment>> next, AtomicBoolean shutDownAtLastPoint) {
            this.next = next;
            this.shutDownAtLastPoint = shutDownAtLastPoint;
        }

        @Override
        public Optional<TrialAssignment> claim(long trialId, String worker) {
            calls.add("claim " + trialId + " " + worker);
            return Optional.of(assignment(trialId));
        }

        @Override
        public boolean measurements(long trialId, int attempt, MeasurementBatch batch) {
            if (shutDownAtLastPoint != null && batch.measurements().stream().anyMatch(point -> point.step() == 60)) {
                shutDownAtLastPoint.set(true);
            }
            return true;
        }

        @Override
        public boolean heartbeat(long trialId, int attempt) {
            return true;
        }

        @Override
        public boolean result(long trialId, int attempt, TrainingResult result) {
            calls.add("result " + trialId);
            results.add(result);
            return true;
        }

        @Override
        public ResultReceipt resultAndNext(long trialId, int attempt, TrainingResult result, String worker) {
            calls.add("result " + trialId + " next for " + worker);
            results.add(result);
            return new ResultReceipt(true, next.get(trialId));
        }

        @Override
        public boolean failure(long trialId, int attempt, AttemptFailure failure) {
            calls.add("failure " + trialId + ": " + failure.message());
            return true;
        }
    }
}
