package io.fairtune.service.study.api;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.service.study.StudyStatus;
import io.fairtune.service.trial.AttemptStatus;
import io.fairtune.service.trial.TrialPhase;
import io.fairtune.service.trial.TrialStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;

/** What the read API returns. Records only: the entities never leave the service layer. */
public final class StudyViews {

    /** Seeds are 64-bit; as JSON numbers beyond 2^53 a JavaScript client would silently round them. */
    public static final String SEED_TEXT = "a 64-bit integer as a decimal string (exact in every JSON parser)";

    private StudyViews() {}

    /**
     * @param sort the order applied, as {@code field,asc|desc}; null for the default order
     */
    public record PageOf<T>(
            List<T> items,
            int page,
            int size,
            long total,
            @Nullable String sort) {
        public PageOf(List<T> items, int page, int size, long total) {
            this(items, page, size, total, null);
        }
    }

    /**
     * What every arm of a study trains, as the API shows it (the service's own shape, not the worker's).
     *
     * @param validationExamples taken from the tail of the training split; 0 when an external trainer keeps its own
     * @param trainer the external trainer, null for the built-in DL4J trainer
     */
    public record WorkloadView(
            @Nullable String trainer,
            String dataset,
            String model,
            int batchSize,
            int trainingSteps,
            int evalEverySteps,
            int validationExamples,
            String targetMetric,
            double targetValue) {

        public static WorkloadView of(Workload w) {
            return new WorkloadView(
                    w.trainer(),
                    w.dataset(),
                    w.model(),
                    w.batchSize(),
                    w.trainingSteps(),
                    w.evalEverySteps(),
                    w.validationExamples(),
                    w.targetMetric(),
                    w.targetValue());
        }
    }

    /** One point of a learning curve as the API shows it; non-finite values render as "NaN" and "Infinity". */
    public record CurvePoint(
            int step,
            double trainLoss,
            double validationLoss,
            double validationAccuracy,
            double learningRate,
            double elapsedSeconds) {

        public static List<CurvePoint> of(List<Measurement> curve) {
            return curve.stream()
                    .map(m -> new CurvePoint(
                            m.step(),
                            m.trainLoss(),
                            m.validationLoss(),
                            m.validationAccuracy(),
                            m.learningRate(),
                            m.elapsedSeconds()))
                    .toList();
        }
    }

    public record ArmProgress(
            long id,
            String name,
            String optimizer,
            String scheduleType,
            String weightDecayKind,
            int planned,
            long finished,
            Map<TrialStatus, Long> tuning,
            Map<TrialStatus, Long> finalPhase) {}

    public record StudySummary(
            long id,
            String name,
            String description,
            StudyStatus status,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime finishedAt,
            double durationSeconds,
            List<ArmProgress> arms,
            Map<String, String> labels) {}

    public record Budget(int trialsPerArm, int maxParallelTrials, int maxAttemptsPerTrial, int finalSeeds) {}

    public record StudyDetail(
            StudySummary summary,
            WorkloadView workload,
            String searchAlgorithm,

            @JsonSerialize(using = ToStringSerializer.class)
            @Schema(implementation = String.class, format = "int64", description = SEED_TEXT)
            long searchSeed,

            Budget budget,
            @Nullable String createdBy,
            Map<String, Object> spec,

            @Schema(
                    description = "why queued trials do not start, e.g. \"waiting: no live worker has trainer"
                            + " 'quadratic'\"; null while they can")
            @Nullable
            String waiting) {}

    public record TrialSummary(
            long id,
            long studyId,
            String arm,
            String optimizer,
            TrialPhase phase,
            int sampleIndex,

            @JsonSerialize(using = ToStringSerializer.class)
            @Schema(implementation = String.class, format = "int64", description = SEED_TEXT)
            long seed,

            TrialStatus status,
            int attempts,
            Map<String, Object> hyperparameters,
            @Nullable Integer stepsCompleted,
            @Nullable Double bestValAccuracy,
            @Nullable Double finalValAccuracy,
            @Nullable Integer stepsToTarget,
            @Nullable Double wallSeconds,
            @Nullable Double samplesPerSecond,
            @Nullable Double testAccuracy,
            @Nullable Double testLoss,
            @Nullable String failureMessage,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime startedAt,
            @Nullable OffsetDateTime finishedAt) {}

    public record AttemptView(
            int number,
            AttemptStatus status,
            @Nullable String worker,
            @Nullable OffsetDateTime startedAt,
            @Nullable OffsetDateTime lastHeartbeatAt,
            @Nullable OffsetDateTime finishedAt,
            @Nullable String endReason) {}

    /**
     * @param curve the learning curve of the attempt that produced the outcome (the newest attempt)
     */
    public record TrialDetail(
            TrialSummary trial, @Nullable String failureCause, List<AttemptView> attempts, List<CurvePoint> curve) {}
}
