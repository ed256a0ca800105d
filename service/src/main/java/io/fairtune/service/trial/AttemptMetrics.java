package io.fairtune.service.trial;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts what happens to attempts: started (claimed, or handed over with a result), lost (superseded, or silent past
 * the heartbeat timeout), fenced (a report refused with 409 because its attempt is no longer current), and how long
 * ended attempts ran. Inside a transaction a change counts once it is committed, so a rolled-back claim is not counted.
 */
@Component
public class AttemptMetrics {

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter handedOver;
    private final Counter fenced;

    AttemptMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("fairtune.attempts.started")
                .description("attempts started: claimed by workers, or handed over with a result")
                .register(registry);
        this.handedOver = Counter.builder("fairtune.attempts.handed.over")
                .description("attempts started with a slot's result, for the slot to run next without Quartz")
                .register(registry);
        this.fenced = Counter.builder("fairtune.attempts.fenced")
                .description("worker reports refused because their attempt was superseded, lost or cancelled")
                .register(registry);
    }

    void started() {
        afterCommit(started::increment);
    }

    /** Counted besides {@link #started()}. */
    void handedOver() {
        afterCommit(handedOver::increment);
    }

    /** @param reason {@code heartbeat} (silent past the timeout) or {@code superseded} (claimed again) */
    void lost(String reason) {
        afterCommit(() -> Counter.builder("fairtune.attempts.lost")
                .description("attempts lost to infrastructure; never charged to an arm")
                .tag("reason", reason)
                .register(registry)
                .increment());
    }

    void fenced() {
        fenced.increment(); // a refusal, whatever happens to the transaction
    }

    void ended(AttemptStatus status, OffsetDateTime startedAt, OffsetDateTime endedAt) {
        Duration ran = Duration.between(startedAt, endedAt);
        afterCommit(() -> Timer.builder("fairtune.attempt.duration")
                .description("wall time from claim to the end of an attempt")
                .tag("status", status.name())
                .register(registry)
                .record(ran));
    }

    private static void afterCommit(Runnable count) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }
}
