package io.fairtune.worker.data;

import io.fairtune.contract.catalog.DatasetDefinition;

/**
 * A dataset in memory. The validation split is the tail of {@code train} and its size is chosen per workload,
 * so the split happens here, on shared arrays, and never copies data.
 *
 * @param train the whole training split, validation tail included
 * @param test the held-out test split, read only by final-phase runs
 */
public record LoadedDataset(DatasetDefinition definition, Examples train, Examples test) {

    public LoadedDataset {
        if (train.featureCount() != definition.features() || test.featureCount() != definition.features()) {
            throw new IllegalArgumentException(
                    "examples do not have the " + definition.features() + " features of " + definition.name());
        }
    }

    /** The examples trained on: the training split without its last {@code validationExamples}. */
    public Examples training(int validationExamples) {
        return train.slice(0, train.size() - checkValidation(validationExamples));
    }

    /** The last {@code validationExamples} of the training split. */
    public Examples validation(int validationExamples) {
        return train.slice(train.size() - checkValidation(validationExamples), train.size());
    }

    private int checkValidation(int validationExamples) {
        if (validationExamples <= 0 || validationExamples >= train.size()) {
            throw new IllegalArgumentException("validationExamples must be in 1.." + (train.size() - 1) + " for "
                    + definition.name() + ", was " + validationExamples);
        }
        return validationExamples;
    }
}
