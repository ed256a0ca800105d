package io.fairtune.service.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairtune.contract.protocol.AttemptApi;
import io.fairtune.contract.protocol.AttemptApi.RetryPolicy;
import io.fairtune.contract.protocol.AttemptClaim;
import io.fairtune.contract.protocol.TrialAssignment;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * What the in-process slots do when the service itself fails: an error on its side is retried as the HTTP client
 * retries a 5xx, and after the last try the attempt is abandoned ({@link AttemptApi.ServiceUnavailableException}, so
 * the trial is lost and never charged to the arm); a refusal is never retried. The service here is a stand-in that
 * fails on cue; {@code InProcessAttemptApiTest} drives the real one.
 */
class InProcessAttemptApiRetryTest {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);

    /** Answers claims from a script: each entry is thrown, or returned when it is no exception. */
    private static final class ScriptedService extends AttemptService {
        final Deque<Object> script = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();

        ScriptedService(Object... answers) {
            super(null, null, null, null, null, null, null, null);
            script.addAll(List.of(answers));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Optional<TrialAssignment> claim(long trialId, AttemptClaim claim) {
            calls.incrementAndGet();
            Object next = script.removeFirst();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (Optional<TrialAssignment>) next;
        }
    }

    @Test
    void aFailureOnTheServicesSideIsRetriedUntilItAnswers() {
        ScriptedService service = new ScriptedService(
                new DataAccessResourceFailureException("connection reset"),
                new DataAccessResourceFailureException("connection reset"),
                Optional.empty());

        assertThat(new InProcessAttemptApi(service, QUICK).claim(7, "node-1")).isEmpty();
        assertThat(service.calls).hasValue(3);
    }

    @Test
    void afterTheLastTryTheAttemptIsAbandonedAsUnavailable() {
        ScriptedService service = new ScriptedService(
                new DataAccessResourceFailureException("down"),
                new DataAccessResourceFailureException("down"),
                new DataAccessResourceFailureException("still down"));

        assertThatThrownBy(() -> new InProcessAttemptApi(service, QUICK).claim(7, "node-1"))
                .isInstanceOf(AttemptApi.ServiceUnavailableException.class)
                .hasMessageContaining("claim of trial 7 failed 3 times")
                .hasMessageContaining("still down");
        assertThat(service.calls).hasValue(3);
    }

    @Test
    void aStaleAttemptIsAnAnswerAndARefusalIsThrownAtOnce() {
        ScriptedService stale = new ScriptedService(new AttemptStaleException(7, 1));
        assertThat(new InProcessAttemptApi(stale, QUICK).claim(7, "node-1")).isEmpty();
        assertThat(stale.calls).hasValue(1);

        ScriptedService missing = new ScriptedService(new TrialNotFoundException(7));
        assertThatThrownBy(() -> new InProcessAttemptApi(missing, QUICK).claim(7, "node-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not-found");
        assertThat(missing.calls).hasValue(1);
    }
}
