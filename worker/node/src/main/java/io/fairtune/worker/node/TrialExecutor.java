package io.fairtune.worker.node;

import io.fairtune.contract.catalog.TrainerNames;
import io.fairtune.contract.job.TrialSlot;
import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.contract.protocol.AttemptApi;
import io.fairtune.contract.protocol.AttemptFailure;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.MeasurementBatch;
import io.fairtune.contract.protocol.ResultReceipt;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialAssignment;
import io.fairtune.worker.external.TrainerFailedException;
import io.fairtune.worker.training.Trainer;
import io.fairtune.worker.training.TrainingListener;
import io.fairtune.worker.training.TrainingRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one trial on this node: claim an attempt, train, stream the curve, report the result, and go on with any
 * trial the service hands over with its answer. Quartz alone is at-least-once; the attempt number the service hands
 * out makes results exactly-once, so every 409 ends the run quietly.
 */
public final class TrialExecutor implements TrialSlot {

    private static final Logger log = LoggerFactory.getLogger(TrialExecutor.class);
    private static final int MAX_CAUSE_CHARS = 8_000;
    private static final int MAX_DETAIL_CHARS = 12_000;
    private static final int MAX_MESSAGE_CHARS = 2_000;

    private final AttemptApi service;
    private final String trainerName;
    private final AttemptTrainer trainer;
    /** The built-in trainer's optimizers (built-ins and this node's plugins); null in an external trainer's pool. */
    private final OptimizerRegistry optimizers;

    private final String nodeName;
    private final Reporting reporting;
    private final ScheduledExecutorService heartbeats;

    /** Runs the trials of the built-in DL4J trainer with the optimizers of {@code optimizers}. */
    public TrialExecutor(
            AttemptApi service, Trainer trainer, OptimizerRegistry optimizers, String nodeName, Reporting reporting) {
        this(
                service,
                null,
                (assignment, listener) -> trainer.train(request(optimizers, assignment), listener),
                optimizers,
                nodeName,
                reporting);
    }

    /**
     * Runs the trials of one external trainer's pool; its program implements the optimizer.
     *
     * @param trainerName the external trainer: a trial of another trainer fails
     */
    public TrialExecutor(
            AttemptApi service, String trainerName, AttemptTrainer trainer, String nodeName, Reporting reporting) {
        this(service, trainerName, trainer, null, nodeName, reporting);
    }

    private TrialExecutor(
            AttemptApi service,
            String trainerName,
            AttemptTrainer trainer,
            OptimizerRegistry optimizers,
            String nodeName,
            Reporting reporting) {
        this.service = service;
        this.trainerName = trainerName;
        this.trainer = trainer;
        this.optimizers = optimizers;
        this.nodeName = nodeName;
        this.reporting = reporting;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fairtune-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param interrupted true when the node is shutting down or the job was interrupted
     */
    @Override
    public void run(long trialId, BooleanSupplier interrupted) {
        String worker = nodeName + "/" + Thread.currentThread().getName();
        Optional<TrialAssignment> next = service.claim(trialId, worker);
        if (next.isEmpty()) {
            log.info("Trial {} needs no run (finished, cancelled or out of attempts)", trialId);
            return;
        }
        // The service may answer a result with the study's next trial (its in-process slots): run it right here.
        while (next.isPresent()) {
            next = runAttempt(next.get(), worker, interrupted);
        }
    }

    /** Trains one claimed attempt and reports it; returns the attempt the service handed over with the result. */
    private Optional<TrialAssignment> runAttempt(
            TrialAssignment assignment, String worker, BooleanSupplier interrupted) {
        long trialId = assignment.trialId();
        int attempt = assignment.attempt();
        log.info(
                "Trial {} attempt {}: {} {} sample {} on {}",
                trialId,
                attempt,
                assignment.phase(),
                assignment.arm(),
                assignment.sampleIndex(),
                worker);
        if (optimizers != null && optimizers.find(assignment.optimizer()).isEmpty()) {
            // This node is misconfigured, not the optimizer wrong: no result and no failure is reported, so the
            // attempt is lost at the heartbeat timeout and the trial runs again, on a node that has the plugin;
            // after its attempts run out it ends LOST, which never counts against the arm (a FAILED trial would).
            log.error(
                    "Trial {} attempt {} abandoned: optimizer '{}' is not on this worker ({}); start it with"
                            + " --fairtune.plugins-dir pointing at the plugin's jar",
                    trialId,
                    attempt,
                    assignment.optimizer(),
                    optimizers.describe());
            return Optional.empty();
        }
        AtomicBoolean stale = new AtomicBoolean(false);
        Heartbeat heartbeat = new Heartbeat(trialId, attempt, stale);
        Curve curve = new Curve(trialId, attempt);
        try {
            if (!Objects.equals(assignment.workload().trainer(), trainerName)) {
                // Routing puts a trial only into its trainer's pool; a mismatch is a bug, never a reason to guess.
                throw new IllegalStateException("trial " + trialId + " needs "
                        + TrainerNames.describe(assignment.workload().trainer()) + " but fired on this node's pool of "
                        + TrainerNames.describe(trainerName));
            }
            TrainingResult result = trainer.train(assignment, new TrainingListener() {
                @Override
                public void onMeasurement(Measurement measurement) {
                    if (!stale.get() && !curve.add(measurement)) {
                        stale.set(true);
                    }
                }

                @Override
                public boolean shouldStop() {
                    return stale.get() || interrupted.getAsBoolean();
                }
            });
            if (result.outcome() == TrainingOutcome.STOPPED) {
                log.info("Trial {} attempt {} stopped ({})", trialId, attempt, stale.get() ? "stale" : "interrupted");
                return Optional.empty();
            }
            heartbeat.stop();
            TrainingResult report = result.withMeasurements(curve.unsent());
            // An interrupted job takes no more work.
            ResultReceipt receipt = interrupted.getAsBoolean()
                    ? ResultReceipt.withoutNext(service.result(trialId, attempt, report))
                    : service.resultAndNext(trialId, attempt, report, worker);
            if (!receipt.accepted()) {
                log.info("Trial {} attempt {} result refused: attempt is stale", trialId, attempt);
                return Optional.empty();
            }
            log.info(
                    "Trial {} attempt {} {}: best val accuracy {}, {} samples/s, {} s from building the model on",
                    trialId,
                    attempt,
                    result.outcome(),
                    result.bestValidationAccuracy(),
                    Math.round(result.samplesPerSecond()),
                    result.wallSeconds());
            return receipt.next();
        } catch (AttemptApi.ServiceUnavailableException e) {
            // The sweeper marks the attempt lost and reschedules it; nothing more to do here.
            log.warn("Trial {} attempt {} abandoned: {}", trialId, attempt, e.getMessage());
        } catch (TrainerFailedException e) {
            log.warn("Trial {} attempt {} failed: {}", trialId, attempt, e.getMessage());
            heartbeat.stop();
            if (!stale.get() && curve.sendUnsent()) {
                service.failure(
                        trialId,
                        attempt,
                        new AttemptFailure(
                                bounded(e.getMessage(), MAX_MESSAGE_CHARS), bounded(e.detail(), MAX_DETAIL_CHARS)));
            }
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vmError && !(e instanceof OutOfMemoryError)) {
                throw vmError;
            }
            log.warn("Trial {} attempt {} failed: {}", trialId, attempt, e.toString());
            heartbeat.stop();
            if (!stale.get() && curve.sendUnsent()) {
                service.failure(trialId, attempt, new AttemptFailure(describe(e), stackTrace(e)));
            }
        } finally {
            heartbeat.stop();
        }
        return Optional.empty();
    }

    private static TrainingRequest request(OptimizerRegistry optimizers, TrialAssignment assignment) {
        return TrainingRequest.of(
                optimizers,
                assignment.workload(),
                assignment.optimizer(),
                assignment.scheduleType(),
                assignment.hyperparameters(),
                assignment.seed(),
                assignment.evaluateOnTest());
    }

    /**
     * Beats for one attempt until stopped. {@link #stop()} waits for a beat in flight, so no beat reaches the
     * service after the attempt's result, where it would be refused as stale and counted as fenced.
     */
    private final class Heartbeat {
        private final long trialId;
        private final int attempt;
        private final AtomicBoolean stale;
        private final ScheduledFuture<?> schedule;
        private boolean stopped;

        Heartbeat(long trialId, int attempt, AtomicBoolean stale) {
            this.trialId = trialId;
            this.attempt = attempt;
            this.stale = stale;
            long millis = reporting.heartbeatInterval().toMillis();
            this.schedule = heartbeats.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
        }

        private synchronized void beat() {
            if (stopped) {
                return;
            }
            try {
                if (!service.heartbeat(trialId, attempt)) {
                    stale.set(true);
                }
            } catch (RuntimeException e) {
                log.warn("Heartbeat of trial {} attempt {} failed: {}", trialId, attempt, e.getMessage());
            }
        }

        synchronized void stop() {
            stopped = true;
            schedule.cancel(false);
        }
    }

    /**
     * The curve's points on their way to the service: sent together once {@link Reporting#measurementInterval()} has
     * passed since the last batch (or when a batch is full), and the rest with the result. A one-step trial thus
     * costs a claim and a result, not three requests; the dashboard's live curve lags by at most the interval.
     */
    private final class Curve {
        /** Well inside the service's request size limit (about 200 bytes a point). */
        private static final int MAX_BATCH = 1_000;

        private final long trialId;
        private final int attempt;
        private final List<Measurement> unsent = new ArrayList<>();
        private long lastSentNanos = System.nanoTime();

        Curve(long trialId, int attempt) {
            this.trialId = trialId;
            this.attempt = attempt;
        }

        /** @return false when the service refused the batch: the attempt is stale */
        synchronized boolean add(Measurement measurement) {
            unsent.add(measurement);
            boolean due = System.nanoTime() - lastSentNanos
                    >= reporting.measurementInterval().toNanos();
            return !(due || unsent.size() >= MAX_BATCH) || sendUnsent();
        }

        /** Sends what waits (nothing to send is success); false when the attempt is stale. */
        synchronized boolean sendUnsent() {
            if (unsent.isEmpty()) {
                return true;
            }
            boolean accepted = service.measurements(trialId, attempt, new MeasurementBatch(unsent));
            unsent.clear();
            lastSentNanos = System.nanoTime();
            return accepted;
        }

        /** Hands over the points that wait, for the result to carry. */
        synchronized List<Measurement> unsent() {
            List<Measurement> points = List.copyOf(unsent);
            unsent.clear();
            return points;
        }
    }

    /** Keeps the end, where a crash explains itself. */
    private static String bounded(String text, int max) {
        return text.length() > max ? "…" + text.substring(text.length() - max + 1) : text;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() > MAX_CAUSE_CHARS ? text.substring(0, MAX_CAUSE_CHARS) : text;
    }
}
