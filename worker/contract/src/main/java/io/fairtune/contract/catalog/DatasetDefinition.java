package io.fairtune.contract.catalog;

/**
 * What a dataset offers before it is loaded: sizes and input shape, so the service can validate a workload
 * (batch size, validation split) without reading any data.
 *
 * @param trainExamples examples in the training split, validation examples included (they are its tail)
 */
public record DatasetDefinition(
        String name,
        int trainExamples,
        int testExamples,
        int defaultValidationExamples,
        int channels,
        int height,
        int width,
        int classes) {

    public int features() {
        return channels * height * width;
    }
}
