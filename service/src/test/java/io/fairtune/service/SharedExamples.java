package io.fairtune.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's reference specs in {@code shared/examples/studies}, beside the repository (or a clone of it),
 * and the clean-up of per-test data directories.
 */
public final class SharedExamples {

    private SharedExamples() {}

    public static Path studies() {
        // Tests run in the module directory; shared/ sits beside the repository root, a few levels up.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("examples").resolve("studies");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no shared/examples/studies above " + Path.of("").toAbsolutePath());
    }

    public static List<Path> allStudies() {
        try (Stream<Path> files = Files.list(studies())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String study(String file) {
        try {
            return Files.readString(studies().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a test's data directory (embedded PostgreSQL, token files) so every run starts fresh. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
