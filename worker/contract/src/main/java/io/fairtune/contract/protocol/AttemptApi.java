package io.fairtune.contract.protocol;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The attempt protocol as a worker node calls it: over HTTP from a worker process ({@link TrialApiPaths}), or as a
 * plain call inside the service, whose in-process slots thus skip the network, JSON and the token check, but none of
 * the protocol's rules. A stale attempt or a trial that needs no attempt (the HTTP API's 409) is an answer, not an
 * error. Trouble reaching the service is retried, then thrown as {@link ServiceUnavailableException}: the attempt is
 * abandoned and lost, never charged to the arm. Any other refusal (an invalid report) is thrown as it is.
 */
public interface AttemptApi {

    /** Claims the next attempt of a trial; empty when the trial is finished, cancelled or out of attempts. */
    Optional<TrialAssignment> claim(long trialId, String worker);

    /** Returns false when the attempt is stale. */
    boolean measurements(long trialId, int attempt, MeasurementBatch batch);

    /** Returns false when the attempt is stale. */
    boolean heartbeat(long trialId, int attempt);

    /** Returns false when the attempt is stale. */
    boolean result(long trialId, int attempt, TrainingResult result);

    /**
     * Reports the result and asks for more work: the service may start the first attempt of the same study's next
     * trial for {@code worker} in the result's own transaction, sparing that trial the queue's hand-off. It does so
     * only for its in-process slots, and only while no trigger waits in the trainer's pool, so trials queued before
     * keep their turn. This default, which the HTTP client uses, only reports.
     */
    default ResultReceipt resultAndNext(long trialId, int attempt, TrainingResult result, String worker) {
        return ResultReceipt.withoutNext(result(trialId, attempt, result));
    }

    /** Returns false when the attempt is stale. */
    boolean failure(long trialId, int attempt, AttemptFailure failure);

    /** Thrown when the service stayed unreachable through every retry. */
    final class ServiceUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ServiceUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Trouble worth another try: the service unreachable, or an error on its side. */
    final class TransientFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public TransientFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One call to the service, which may fail transiently. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws TransientFailure;
    }

    /** How often and how patiently transient failures are retried: the wait doubles up to {@code maxBackoff}. */
    record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {

        public RetryPolicy {
            if (attempts < 1 || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
                throw new IllegalArgumentException("attempts must be positive and 0 <= firstBackoff <= maxBackoff");
            }
        }

        public static RetryPolicy standard() {
            return new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(10));
        }

        /**
         * Runs {@code call} until it answers or throws something else than a {@link TransientFailure}.
         *
         * @param what names the call in the exception
         * @throws ServiceUnavailableException after the last try failed transiently, or when interrupted
         */
        public <T> T run(String what, Call<T> call) {
            Duration backoff = firstBackoff;
            TransientFailure last = null;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    return call.call();
                } catch (TransientFailure e) {
                    last = e;
                }
                if (attempt < attempts) {
                    LoggerFactory.getLogger(AttemptApi.class)
                            .debug("Retrying {} in {} ms: {}", what, backoff.toMillis(), last.getMessage());
                    try {
                        Thread.sleep(backoff.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ServiceUnavailableException("interrupted while waiting to retry " + what, e);
                    }
                    Duration doubled = backoff.multipliedBy(2);
                    backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
                }
            }
            throw new ServiceUnavailableException(
                    what + " failed " + attempts + " times; last: " + last.getMessage(), last);
        }
    }
}
