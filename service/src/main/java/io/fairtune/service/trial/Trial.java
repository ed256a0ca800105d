package io.fairtune.service.trial;

import io.fairtune.contract.protocol.TrainingResult;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Objects;

/** One hyperparameter point of one arm, trained once, with its outcome. */
@Entity
@Table(name = "trial")
public class Trial {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "study_id")
    private long studyId;

    @Column(name = "arm_id")
    private long armId;

    @Enumerated(EnumType.STRING)
    private TrialPhase phase;

    @Column(name = "sample_index")
    private int sampleIndex;

    private long seed;

    private String hyperparameters;

    @Enumerated(EnumType.STRING)
    private TrialStatus status;

    private int attempts;

    @Column(name = "steps_completed")
    private Integer stepsCompleted;

    @Column(name = "best_val_accuracy")
    private Double bestValAccuracy;

    @Column(name = "final_val_accuracy")
    private Double finalValAccuracy;

    @Column(name = "steps_to_target")
    private Integer stepsToTarget;

    @Column(name = "wall_seconds")
    private Double wallSeconds;

    @Column(name = "samples_per_second")
    private Double samplesPerSecond;

    @Column(name = "test_accuracy")
    private Double testAccuracy;

    @Column(name = "test_loss")
    private Double testLoss;

    @Column(name = "failure_message")
    private String failureMessage;

    @Column(name = "failure_cause")
    private String failureCause;

    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "queued_at")
    private OffsetDateTime queuedAt;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Version
    private long version;

    protected Trial() {}

    public Trial(
            long studyId,
            long armId,
            TrialPhase phase,
            int sampleIndex,
            long seed,
            String hyperparametersJson,
            OffsetDateTime now) {
        this.studyId = studyId;
        this.armId = armId;
        this.phase = phase;
        this.sampleIndex = sampleIndex;
        this.seed = seed;
        this.hyperparameters = hyperparametersJson;
        this.status = TrialStatus.PENDING;
        this.createdAt = now;
    }

    /** Queues a planned trial, or queues again one whose attempt or trigger was lost. */
    void queue(OffsetDateTime now) {
        move(TrialStatus.QUEUED);
        queuedAt = now;
    }

    /** Starts attempt number {@code attempts + 1}. */
    int startAttempt(OffsetDateTime now) {
        move(TrialStatus.RUNNING);
        attempts++;
        if (startedAt == null) {
            startedAt = now;
        }
        return attempts;
    }

    void finish(TrainingResult result, OffsetDateTime now) {
        move(Transitions.trialStatus(result.outcome()));
        stepsCompleted = result.stepsCompleted();
        bestValAccuracy = result.bestValidationAccuracy();
        finalValAccuracy = result.finalValidationAccuracy();
        stepsToTarget = result.stepsToTarget();
        wallSeconds = result.wallSeconds();
        samplesPerSecond = result.samplesPerSecond();
        testAccuracy = result.testAccuracy();
        testLoss = result.testLoss();
        failureMessage = status == TrialStatus.DIVERGED ? result.message() : null;
        finishedAt = now;
    }

    /** Whether {@code result} is exactly the outcome already stored: a replayed report. */
    boolean reported(TrainingResult result) {
        TrialStatus expected = Transitions.trialStatus(result.outcome());
        return status == expected
                && Objects.equals(stepsCompleted, result.stepsCompleted())
                && Objects.equals(bestValAccuracy, result.bestValidationAccuracy())
                && Objects.equals(finalValAccuracy, result.finalValidationAccuracy())
                && Objects.equals(stepsToTarget, result.stepsToTarget())
                && Objects.equals(wallSeconds, result.wallSeconds())
                && Objects.equals(samplesPerSecond, result.samplesPerSecond())
                && Objects.equals(testAccuracy, result.testAccuracy())
                && Objects.equals(testLoss, result.testLoss())
                && Objects.equals(failureMessage, expected == TrialStatus.DIVERGED ? result.message() : null);
    }

    /** Whether this failure is exactly the one already stored: a replayed report. */
    boolean reportedFailure(String message, String cause) {
        return status == TrialStatus.FAILED
                && Objects.equals(failureMessage, message)
                && Objects.equals(failureCause, cause);
    }

    void fail(String message, String cause, OffsetDateTime now) {
        move(TrialStatus.FAILED);
        failureMessage = message;
        failureCause = cause;
        finishedAt = now;
    }

    void cancel(OffsetDateTime now) {
        move(TrialStatus.CANCELLED);
        finishedAt = now;
    }

    /** Ends a trial whose attempts were all lost to infrastructure; not charged to its arm. */
    void endLost(String message, OffsetDateTime now) {
        move(TrialStatus.LOST);
        failureMessage = message;
        finishedAt = now;
    }

    private void move(TrialStatus to) {
        Transitions.check("trial", id, status, to);
        status = to;
    }

    public Long id() {
        return id;
    }

    public long studyId() {
        return studyId;
    }

    public long armId() {
        return armId;
    }

    public TrialPhase phase() {
        return phase;
    }

    public int sampleIndex() {
        return sampleIndex;
    }

    public long seed() {
        return seed;
    }

    public String hyperparametersJson() {
        return hyperparameters;
    }

    public TrialStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Integer stepsCompleted() {
        return stepsCompleted;
    }

    public Double bestValAccuracy() {
        return bestValAccuracy;
    }

    public Double finalValAccuracy() {
        return finalValAccuracy;
    }

    public Integer stepsToTarget() {
        return stepsToTarget;
    }

    public Double wallSeconds() {
        return wallSeconds;
    }

    public Double samplesPerSecond() {
        return samplesPerSecond;
    }

    public Double testAccuracy() {
        return testAccuracy;
    }

    public Double testLoss() {
        return testLoss;
    }

    public String failureMessage() {
        return failureMessage;
    }

    public String failureCause() {
        return failureCause;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime queuedAt() {
        return queuedAt;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime finishedAt() {
        return finishedAt;
    }
}
