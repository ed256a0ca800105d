package io.fairtune.worker.node;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a running attempt speaks to the service.
 *
 * @param heartbeatInterval between two heartbeats
 * @param measurementInterval how long measured points may wait to travel together; the last ones ride with the
 *     result, so a trial shorter than this sends no measurement request at all. Zero sends each point at once.
 */
public record Reporting(Duration heartbeatInterval, Duration measurementInterval) {

    public Reporting {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(measurementInterval, "measurementInterval");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException(
                    "fairtune.worker.heartbeat-interval must be positive, got " + heartbeatInterval);
        }
        if (measurementInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "fairtune.worker.measurement-interval must not be negative, got " + measurementInterval);
        }
    }
}
