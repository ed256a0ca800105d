package io.fairtune.worker.node;

import io.fairtune.worker.external.TrainerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
 * @param measurementInterval how long a running attempt's measured points may wait to be sent together (the last
 *     ones travel with the result): one request per interval instead of one per evaluation
 * @param trainers the external trainers this node has, by name: what a spec's {@code workload.trainer} may name
 */
@ConfigurationProperties("fairtune.worker")
public record WorkerProperties(
        @DefaultValue("") String serviceUrl,
        @DefaultValue("") String token,
        Path tokenFile,
        @DefaultValue("1") int slots,
        @DefaultValue("0") int threadsPerSlot,
        @DefaultValue("") String name,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("1s") Duration measurementInterval,
        Map<String, TrainerSettings> trainers) {

    public WorkerProperties {
        trainers = trainers == null ? Map.of() : Map.copyOf(trainers);
    }

    /** The attempt's reporting pace; refuses a non-positive heartbeat or a negative measurement interval. */
    public Reporting reporting() {
        return new Reporting(heartbeatInterval, measurementInterval);
    }
}
