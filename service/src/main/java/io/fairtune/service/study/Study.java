package io.fairtune.service.study;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.service.json.Json;
import io.fairtune.service.spec.Claim;
import io.fairtune.service.spec.Labels;
import io.fairtune.service.spec.StudySpec;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A stored study: its workload, budget and search settings, flattened from the accepted spec. */
@Entity
@Table(name = "study")
public class Study {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;
    private String description;

    @Enumerated(EnumType.STRING)
    private StudyStatus status;

    private String spec;
    /** Null for the built-in DL4J trainer. */
    private String trainer;

    private String dataset;
    private String model;

    @Column(name = "batch_size")
    private int batchSize;

    @Column(name = "training_steps")
    private int trainingSteps;

    @Column(name = "eval_every_steps")
    private int evalEverySteps;

    @Column(name = "validation_examples")
    private int validationExamples;

    @Column(name = "target_metric")
    private String targetMetric;

    @Column(name = "target_value")
    private double targetValue;

    @Column(name = "search_algorithm")
    private String searchAlgorithm;

    @Column(name = "search_seed")
    private long searchSeed;

    @Column(name = "trials_per_arm")
    private int trialsPerArm;

    @Column(name = "max_parallel_trials")
    private int maxParallelTrials;

    @Column(name = "max_attempts_per_trial")
    private int maxAttemptsPerTrial;

    @Column(name = "final_seeds")
    private int finalSeeds;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_by_token_id")
    private Long createdByTokenId;

    private String comparisons;

    private String claims;

    // Always shown with the study; a study has a handful.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "study_label", joinColumns = @JoinColumn(name = "study_id"))
    @MapKeyColumn(name = "key")
    @Column(name = "value")
    private Map<String, String> labels = new HashMap<>();

    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Version
    private long version;

    protected Study() {}

    /** The settings a new study is stored with. */
    public record Settings(
            String name,
            String description,
            String specJson,
            Workload workload,
            String searchAlgorithm,
            long searchSeed,
            int trialsPerArm,
            int maxParallelTrials,
            int maxAttemptsPerTrial,
            int finalSeeds,
            String createdBy,
            Long createdByTokenId,
            List<StudySpec.Comparison> comparisons,
            List<Claim> claims,
            Labels labels) {}

    public Study(Settings settings, OffsetDateTime now) {
        this.name = settings.name();
        this.description = settings.description();
        this.status = StudyStatus.TUNING;
        this.spec = settings.specJson();
        Workload workload = settings.workload();
        this.trainer = workload.trainer();
        this.dataset = workload.dataset();
        this.model = workload.model();
        this.batchSize = workload.batchSize();
        this.trainingSteps = workload.trainingSteps();
        this.evalEverySteps = workload.evalEverySteps();
        this.validationExamples = workload.validationExamples();
        this.targetMetric = workload.targetMetric();
        this.targetValue = workload.targetValue();
        this.searchAlgorithm = settings.searchAlgorithm();
        this.searchSeed = settings.searchSeed();
        this.trialsPerArm = settings.trialsPerArm();
        this.maxParallelTrials = settings.maxParallelTrials();
        this.maxAttemptsPerTrial = settings.maxAttemptsPerTrial();
        this.finalSeeds = settings.finalSeeds();
        this.createdBy = settings.createdBy();
        this.createdByTokenId = settings.createdByTokenId();
        this.comparisons = Json.write(settings.comparisons());
        this.claims = Json.write(settings.claims().stream().map(Study::stored).toList());
        this.labels = new HashMap<>(settings.labels().values());
        this.createdAt = now;
    }

    public Labels labels() {
        return new Labels(labels);
    }

    /** What the study sets out to show, as stored. */
    public List<Claim> claims() {
        return Json.readList(claims).stream()
                .map(c -> (Map<?, ?>) c)
                .map(c -> new Claim(
                        String.valueOf(c.get("candidate")),
                        String.valueOf(c.get("baseline")),
                        Claim.Kind.fromSpecName(String.valueOf(c.get("kind"))).orElseThrow(),
                        ((Number) c.get("margin")).doubleValue(),
                        Claim.Basis.fromSpecName(String.valueOf(c.get("basis"))).orElseThrow(),
                        c.get("k") == null ? null : ((Number) c.get("k")).intValue()))
                .toList();
    }

    private static Map<String, Object> stored(Claim claim) {
        Map<String, Object> stored = new java.util.LinkedHashMap<>();
        stored.put("candidate", claim.candidate());
        stored.put("baseline", claim.baseline());
        stored.put("kind", claim.kind().specName());
        stored.put("margin", claim.margin());
        stored.put("basis", claim.basis().specName());
        stored.put("k", claim.k());
        return stored;
    }

    /** The candidate/baseline pairs the report compares, as stored. */
    public List<StudySpec.Comparison> comparisons() {
        return Json.readList(comparisons).stream()
                .map(c -> (Map<?, ?>) c)
                .map(c ->
                        new StudySpec.Comparison(String.valueOf(c.get("candidate")), String.valueOf(c.get("baseline"))))
                .toList();
    }

    public Workload workload() {
        return new Workload(
                dataset,
                model,
                batchSize,
                trainingSteps,
                evalEverySteps,
                validationExamples,
                targetMetric,
                targetValue,
                trainer);
    }

    /** The external trainer of the study's workload; null for the built-in DL4J trainer. */
    public String trainer() {
        return trainer;
    }

    public void startFinalPhase() {
        requireStatus(StudyStatus.TUNING);
        status = StudyStatus.FINAL_PHASE;
    }

    public void complete(OffsetDateTime now) {
        if (status.finished()) {
            throw new IllegalStateException("study " + id + " is already " + status);
        }
        status = StudyStatus.COMPLETED;
        finishedAt = now;
    }

    public void cancel(OffsetDateTime now) {
        if (status.finished()) {
            throw new IllegalStateException("study " + id + " is already " + status);
        }
        status = StudyStatus.CANCELLED;
        finishedAt = now;
    }

    private void requireStatus(StudyStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("study " + id + " is " + status + ", not " + expected);
        }
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public StudyStatus status() {
        return status;
    }

    public String specJson() {
        return spec;
    }

    public String searchAlgorithm() {
        return searchAlgorithm;
    }

    public long searchSeed() {
        return searchSeed;
    }

    public int trialsPerArm() {
        return trialsPerArm;
    }

    public int maxParallelTrials() {
        return maxParallelTrials;
    }

    public int maxAttemptsPerTrial() {
        return maxAttemptsPerTrial;
    }

    public int finalSeeds() {
        return finalSeeds;
    }

    public String createdBy() {
        return createdBy;
    }

    /** The token that created the study; null for the demo and for studies stored before tokens were recorded. */
    public Long createdByTokenId() {
        return createdByTokenId;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime finishedAt() {
        return finishedAt;
    }
}
