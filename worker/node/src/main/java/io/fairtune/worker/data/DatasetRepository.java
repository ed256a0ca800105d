package io.fairtune.worker.data;

import io.fairtune.contract.catalog.DatasetCatalog;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Loads each dataset of {@link DatasetCatalog} once, on first use, and shares it between all trials and
 * threads (datasets are immutable). A failed load is not remembered, so installing missing files later helps.
 */
public final class DatasetRepository {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the IDX files (gzipped). */
    public static final Path DEFAULT_FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private final Path fashionMnistDir;
    private final Map<String, Lazy> datasets = new ConcurrentHashMap<>();

    public DatasetRepository(Path fashionMnistDir) {
        this.fashionMnistDir = Objects.requireNonNull(fashionMnistDir, "fashionMnistDir");
    }

    /**
     * The named dataset, loading it if no trial has yet.
     *
     * @throws IllegalArgumentException for a name outside {@link DatasetCatalog}
     * @throws DatasetUnavailableException when its files are missing or unreadable
     */
    public LoadedDataset get(String name) {
        Supplier<LoadedDataset> loader = loader(name);
        return datasets.computeIfAbsent(name, n -> new Lazy(loader)).get();
    }

    /** True when the dataset can be loaded without touching the disk for more than a file check. */
    public boolean isAvailable(String name) {
        loader(name);
        return !DatasetCatalog.FASHION_MNIST.name().equals(name) || FashionMnistLoader.available(fashionMnistDir);
    }

    public Path fashionMnistDir() {
        return fashionMnistDir;
    }

    private Supplier<LoadedDataset> loader(String name) {
        if (DatasetCatalog.FASHION_MNIST.name().equals(name)) {
            return () -> FashionMnistLoader.load(fashionMnistDir);
        }
        if (DatasetCatalog.SYNTHETIC.name().equals(name)) {
            return SyntheticDataGenerator::generate;
        }
        throw new IllegalArgumentException(
                "unknown dataset '" + name + "'; known datasets: " + String.join(", ", DatasetCatalog.names()));
    }

    /** Loads at most once at a time; other names are not blocked meanwhile (unlike computeIfAbsent's lock). */
    private static final class Lazy {
        private final Supplier<LoadedDataset> loader;
        private volatile LoadedDataset value;

        Lazy(Supplier<LoadedDataset> loader) {
            this.loader = loader;
        }

        LoadedDataset get() {
            LoadedDataset result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        result = loader.get();
                        value = result;
                    }
                }
            }
            return result;
        }
    }
}
