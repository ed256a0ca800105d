package io.fairtune.worker.external;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One external trainer as a worker's configuration registers it ({@code fairtune.worker.trainers.<name>.*}). Only
 * this configuration says what runs: a spec can name a trainer, never a command.
 *
 * @param command the program and its arguments, run directly (no shell); the input file's path is appended
 * @param workingDirectory where it runs; absent: a fresh temporary directory per attempt
 * @param environment set for the program, beside the few variables it inherits ({@link ExternalTrainer#INHERITED})
 * @param slots trials of this trainer trained at once on this node (its pool's Quartz threads)
 * @param stopGrace how long a stopped program has between SIGTERM and SIGKILL
 * @param timeout the longest an attempt may run before it is stopped and fails; 0: no limit
 */
public record TrainerSettings(
        List<String> command,
        Path workingDirectory,
        Map<String, String> environment,
        @DefaultValue("1") int slots,
        @DefaultValue("10s") Duration stopGrace,
        @DefaultValue("0s") Duration timeout) {

    public TrainerSettings {
        command = command == null ? List.of() : List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        stopGrace = stopGrace == null ? Duration.ofSeconds(10) : stopGrace;
        timeout = timeout == null ? Duration.ZERO : timeout;
    }
}
