package io.fairtune.worker.data;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.contract.catalog.DatasetDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads Fashion-MNIST from the IDX files of Debian's {@code dataset-fashion-mnist} package. */
final class FashionMnistLoader {

    static final String PACKAGE_HINT = "apt-get install dataset-fashion-mnist";

    private static final List<String> FILES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private FashionMnistLoader() {}

    /** True when all four files are present (plain or gzipped). */
    static boolean available(Path directory) {
        return FILES.stream().allMatch(name -> find(directory, name).isPresent());
    }

    static LoadedDataset load(Path directory) {
        DatasetDefinition definition = DatasetCatalog.FASHION_MNIST;
        Examples train = examples(directory, "train", definition, definition.trainExamples());
        Examples test = examples(directory, "t10k", definition, definition.testExamples());
        return new LoadedDataset(definition, train, test);
    }

    private static Examples examples(Path directory, String prefix, DatasetDefinition definition, int expected) {
        IdxReader.IdxArray images = read(require(directory, prefix + "-images-idx3-ubyte"));
        IdxReader.IdxArray labels = read(require(directory, prefix + "-labels-idx1-ubyte"));
        int[] imageShape = {expected, definition.height(), definition.width()};
        if (!Arrays.equals(images.dimensions(), imageShape)) {
            throw new DatasetUnavailableException("Fashion-MNIST " + prefix + " images in " + directory
                    + " have dimensions " + Arrays.toString(images.dimensions()) + ", expected "
                    + Arrays.toString(imageShape));
        }
        if (!Arrays.equals(labels.dimensions(), new int[] {expected})) {
            throw new DatasetUnavailableException("Fashion-MNIST " + prefix + " labels in " + directory
                    + " have dimensions " + Arrays.toString(labels.dimensions()) + ", expected [" + expected + "]");
        }
        byte[] pixels = images.values();
        float[] features = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            features[i] = (pixels[i] & 0xff) / 255f;
        }
        byte[] classes = labels.values();
        for (byte label : classes) {
            if (label < 0 || label >= definition.classes()) {
                throw new DatasetUnavailableException(
                        "Fashion-MNIST " + prefix + " labels in " + directory + " contain label " + label);
            }
        }
        return new Examples(features, classes, definition.features());
    }

    private static IdxReader.IdxArray read(Path file) {
        try {
            return IdxReader.read(file);
        } catch (RuntimeException e) {
            throw new DatasetUnavailableException(
                    "cannot read Fashion-MNIST (reinstall with '" + PACKAGE_HINT + "'): " + e.getMessage(), e);
        }
    }

    private static Path require(Path directory, String name) {
        return find(directory, name)
                .orElseThrow(() -> new DatasetUnavailableException("Fashion-MNIST file " + name + "(.gz) not found in "
                        + directory.toAbsolutePath() + "; install it with '" + PACKAGE_HINT
                        + "' or configure the directory that holds the IDX files"));
    }

    private static Optional<Path> find(Path directory, String name) {
        return Optional.of(directory.resolve(name))
                .filter(Files::isRegularFile)
                .or(() -> Optional.of(directory.resolve(name + ".gz")).filter(Files::isRegularFile));
    }
}
