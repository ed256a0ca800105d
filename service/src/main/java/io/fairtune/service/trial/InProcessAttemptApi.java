package io.fairtune.service.trial;

import io.fairtune.contract.protocol.AttemptApi;
import io.fairtune.contract.protocol.AttemptClaim;
import io.fairtune.contract.protocol.AttemptFailure;
import io.fairtune.contract.protocol.MeasurementBatch;
import io.fairtune.contract.protocol.ResultReceipt;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialAssignment;
import io.fairtune.service.problem.DomainException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The attempt API of the service's in-process slots: the same {@link AttemptService} calls the HTTP API makes, without
 * the loopback request, its JSON and its token check, which cost a one-step trial about as much as its training.
 * Answers as the HTTP client does: a refusal answered 409 there (stale attempt, trial needing no attempt, changed
 * replay) is false or empty here, any other refusal is thrown, and an error on the service's side (a 5xx there: the
 * database unreachable, a failed transaction) is retried and then ends the attempt as lost, never charged to the arm.
 * Worker processes keep the HTTP API: this bean exists only inside the service.
 */
@Component
class InProcessAttemptApi implements AttemptApi {

    private static final int CONFLICT = 409;

    private final AttemptService attempts;
    private final RetryPolicy retry;

    @Autowired
    InProcessAttemptApi(AttemptService attempts) {
        this(attempts, RetryPolicy.standard());
    }

    InProcessAttemptApi(AttemptService attempts, RetryPolicy retry) {
        this.attempts = attempts;
        this.retry = retry;
    }

    @Override
    public Optional<TrialAssignment> claim(long trialId, String worker) {
        return call(
                "claim of trial " + trialId, () -> attempts.claim(trialId, new AttemptClaim(worker)), Optional.empty());
    }

    @Override
    public boolean measurements(long trialId, int attempt, MeasurementBatch batch) {
        return accepted("measurements of trial " + trialId, () -> attempts.measurements(trialId, attempt, batch));
    }

    @Override
    public boolean heartbeat(long trialId, int attempt) {
        return accepted("heartbeat of trial " + trialId, () -> attempts.heartbeat(trialId, attempt));
    }

    @Override
    public boolean result(long trialId, int attempt, TrainingResult result) {
        return accepted("result of trial " + trialId, () -> attempts.result(trialId, attempt, result));
    }

    /** Hands the study's next trial to the slot with its result's answer: see {@link AttemptService#resultAndNext}. */
    @Override
    public ResultReceipt resultAndNext(long trialId, int attempt, TrainingResult result, String worker) {
        return call(
                "result of trial " + trialId,
                () -> new ResultReceipt(
                        true, attempts.resultAndNext(trialId, attempt, result, new AttemptClaim(worker))),
                ResultReceipt.withoutNext(false));
    }

    @Override
    public boolean failure(long trialId, int attempt, AttemptFailure failure) {
        return accepted("failure of trial " + trialId, () -> attempts.failure(trialId, attempt, failure));
    }

    private boolean accepted(String what, Runnable report) {
        return call(
                what,
                () -> {
                    report.run();
                    return true;
                },
                false);
    }

    private <T> T call(String what, Supplier<T> service, T whenConflict) {
        return retry.run(what, () -> {
            try {
                return service.get();
            } catch (DomainException e) {
                if (e.type().status() == CONFLICT) {
                    return whenConflict;
                }
                throw new IllegalStateException(what + " refused (" + e.type().slug() + "): " + describe(e), e);
            } catch (RuntimeException e) {
                throw new TransientFailure(what + " failed: " + e, e);
            }
        });
    }

    /** The refusal's field errors when it has any (as the HTTP answer lists them), else its detail. */
    private static String describe(DomainException e) {
        return e.errors().isEmpty()
                ? e.detail()
                : e.errors().stream()
                        .map(error -> error.field() + ": " + error.message())
                        .collect(Collectors.joining("; "));
    }
}
