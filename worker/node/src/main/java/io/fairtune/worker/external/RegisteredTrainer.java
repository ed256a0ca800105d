package io.fairtune.worker.external;

import io.fairtune.contract.catalog.TrainerNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trainer of the worker's configuration, checked when the node starts: its name, and a program that exists and
 * is executable, resolved to an absolute path once so that no later {@code PATH} decides what runs.
 */
public record RegisteredTrainer(
        String name,
        List<String> command,
        Path workingDirectory,
        Map<String, String> environment,
        int slots,
        Duration stopGrace,
        Duration timeout) {

    public RegisteredTrainer {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /**
     * Checks every configured trainer.
     *
     * @param path the worker's {@code PATH}, where a program named without a slash is looked up
     * @throws TrainerConfigurationException naming the first setting that cannot work
     */
    public static List<RegisteredTrainer> of(Map<String, TrainerSettings> configured, String path) {
        List<RegisteredTrainer> trainers = new ArrayList<>();
        for (Map.Entry<String, TrainerSettings> entry : new LinkedHashMap<>(configured).entrySet()) {
            trainers.add(of(entry.getKey(), entry.getValue(), path));
        }
        return List.copyOf(trainers);
    }

    static RegisteredTrainer of(String name, TrainerSettings settings, String path) {
        String key = "fairtune.worker.trainers." + name;
        if (!TrainerNames.valid(name)) {
            throw new TrainerConfigurationException(key + ": a trainer's name must match " + TrainerNames.RULE
                    + " and not be " + TrainerNames.BUILT_IN);
        }
        if (settings.command().isEmpty() || settings.command().get(0).isBlank()) {
            throw new TrainerConfigurationException(
                    key + ".command: required, the program and its arguments (run without a shell)");
        }
        String program = settings.command().get(0);
        Path resolved = resolve(program, path);
        if (resolved == null) {
            throw new TrainerConfigurationException(key + ".command: program '" + program
                    + "' does not exist or is not executable"
                    + (program.contains("/") ? "" : " (looked up on PATH)"));
        }
        List<String> command = new ArrayList<>(settings.command());
        command.set(0, resolved.toString());
        Path directory = settings.workingDirectory();
        if (directory != null && !Files.isDirectory(directory)) {
            throw new TrainerConfigurationException(key + ".working-directory: '" + directory + "' is not a directory");
        }
        if (settings.slots() < 1) {
            throw new TrainerConfigurationException(key + ".slots: must be at least 1, got " + settings.slots());
        }
        if (settings.stopGrace().isNegative() || settings.timeout().isNegative()) {
            throw new TrainerConfigurationException(key + ".stop-grace and .timeout: must not be negative");
        }
        return new RegisteredTrainer(
                name,
                command,
                directory == null ? null : directory.toAbsolutePath(),
                settings.environment(),
                settings.slots(),
                settings.stopGrace(),
                settings.timeout());
    }

    private static Path resolve(String program, String path) {
        if (program.contains("/")) {
            Path file = Path.of(program).toAbsolutePath().normalize();
            return executable(file) ? file : null;
        }
        for (String dir : (path == null ? "" : path).split(":")) {
            if (!dir.isEmpty()) {
                Path file = Path.of(dir, program).toAbsolutePath().normalize();
                if (executable(file)) {
                    return file;
                }
            }
        }
        return null;
    }

    private static boolean executable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
