package io.fairtune.worker.node;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a worker node ({@code fairtune.worker.*}).
 *
 * @param serviceUrl the service's base URL; empty inside the service itself (it calls its own port)
 * @param token the worker token; or {@code tokenFile}, read on first use
 * @param slots trials trained at once (Quartz threads); 0 in a service that only schedules
 * @param threadsPerSlot native threads per slot, applied as OMP_NUM_THREADS when the process starts
 * @param heartbeatInterval how often a running attempt tells the service it is alive
 */
@ConfigurationProperties("fairtune.worker")
public record WorkerProperties(
        @DefaultValue("") String serviceUrl,
        @DefaultValue("") String token,
        Path tokenFile,
        @DefaultValue("1") int slots,
        @DefaultValue("0") int threadsPerSlot,
        @DefaultValue("") String name,
        @DefaultValue("10s") Duration heartbeatInterval) {}
