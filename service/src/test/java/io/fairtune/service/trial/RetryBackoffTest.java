package io.fairtune.service.trial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(10));

    @Test
    void theFirstLossIsRetriedAtOnceAndLaterOnesWaitTwiceAsLongUpToTheCap() {
        assertThat(backoff.after(1)).isZero();
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(6)).isEqualTo(Duration.ofSeconds(480));
        assertThat(backoff.after(7)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.after(1000)).isEqualTo(Duration.ofMinutes(10));
    }
}
