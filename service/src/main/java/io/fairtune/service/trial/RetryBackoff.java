package io.fairtune.service.trial;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a trial waits before it is queued again after a lost attempt ({@code fairtune.retry.*}). The first
 * loss is retried at once (another worker likely took over); after that the wait doubles from {@code firstDelay} up
 * to {@code maxDelay}, so a trial that keeps killing its workers cannot keep the cluster busy with it.
 */
@ConfigurationProperties("fairtune.retry")
public record RetryBackoff(
        @DefaultValue("30s") Duration firstDelay,
        @DefaultValue("10m") Duration maxDelay) {

    /** The wait before the next attempt of a trial that has lost {@code lostAttempts} attempts so far. */
    public Duration after(int lostAttempts) {
        if (lostAttempts <= 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(lostAttempts - 2, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
