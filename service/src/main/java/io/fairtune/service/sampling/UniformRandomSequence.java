package io.fairtune.service.sampling;

/**
 * Independent uniform points, the control for the quasi-random search. Sample {@code i} reads its coordinates from
 * a stream of its own, seeded with output {@code i + 1} of the {@link SplitMix64#UNIFORM_STREAM} stream of the
 * study seed, so its first coordinates do not depend on the number of dimensions.
 */
public final class UniformRandomSequence implements UnitCubeSequence {

    private final long seed;
    private final int dimensions;

    public UniformRandomSequence(long seed, int dimensions) {
        if (dimensions < 0) {
            throw new IllegalArgumentException("dimensions must not be negative: " + dimensions);
        }
        this.seed = seed;
        this.dimensions = dimensions;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public double[][] points(int count) {
        SplitMix64 pointSeeds = new SplitMix64(seed ^ SplitMix64.UNIFORM_STREAM);
        double[][] points = new double[count][dimensions];
        for (int i = 0; i < count; i++) {
            SplitMix64 coordinates = new SplitMix64(pointSeeds.nextLong());
            for (int d = 0; d < dimensions; d++) {
                points[i][d] = coordinates.nextDouble();
            }
        }
        return points;
    }
}
