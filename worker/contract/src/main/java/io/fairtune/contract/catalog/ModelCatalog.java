package io.fairtune.contract.catalog;

import java.util.List;

/** The model architectures a worker builds; each accepts every dataset of {@link DatasetCatalog}. */
public final class ModelCatalog {

    public static final String MLP = "mlp";
    public static final String CNN = "cnn";

    private static final List<String> MODELS = List.of(MLP, CNN);

    private ModelCatalog() {}

    public static List<String> names() {
        return MODELS;
    }
}
