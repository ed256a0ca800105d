package io.fairtune.service.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example specs in {@code shared/examples/studies}, found beside the repository (or a clone of it). */
final class ExampleStudies {

    private ExampleStudies() {}

    static Path directory() {
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

    static List<Path> all() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String fileName) {
        try {
            return Files.readString(directory().resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
