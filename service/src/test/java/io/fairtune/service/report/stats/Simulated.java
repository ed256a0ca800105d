package io.fairtune.service.report.stats;

import java.util.SplittableRandom;

/**
 * Known distributions for the coverage simulations: normal accuracies, and skewed ones with a long left tail like
 * accuracies near a ceiling ({@code 1 − scale · Beta(a, b)} with a small a). Gamma draws by Marsaglia and Tsang
 * (2000), so nothing here shares code with what it checks. A fraction of draws can be 0: diverged tuning trials,
 * which the report counts as accuracy 0 in the best of k.
 */
record Simulated(String name, Kind kind, double location, double scale, double shapeA, double shapeB, double diverged) {

    enum Kind {
        NORMAL,
        CEILING_BETA
    }

    static Simulated normal(double mean, double sd) {
        return new Simulated("normal(" + mean + ", " + sd + ")", Kind.NORMAL, mean, sd, 0, 0, 0);
    }

    /** {@code top − scale · Beta(a, b)}: with {@code a < b} most mass sits near the top, a long tail below. */
    static Simulated ceilingBeta(double top, double scale, double a, double b) {
        return new Simulated(
                "ceiling-beta(" + top + ", " + scale + ", " + a + ", " + b + ")",
                Kind.CEILING_BETA,
                top,
                scale,
                a,
                b,
                0);
    }

    /** The same, with a fraction of the draws replaced by 0. */
    Simulated diverging(double fraction) {
        return new Simulated(name + " with " + fraction + " diverged", kind, location, scale, shapeA, shapeB, fraction);
    }

    double mean() {
        return (1 - diverged) * (kind == Kind.NORMAL ? location : location - scale * shapeA / (shapeA + shapeB));
    }

    double draw(SplittableRandom random) {
        if (diverged > 0 && random.nextDouble() < diverged) {
            return 0;
        }
        if (kind == Kind.NORMAL) {
            return location + scale * gaussian(random);
        }
        double x = gamma(random, shapeA);
        double y = gamma(random, shapeB);
        return location - scale * x / (x + y);
    }

    double[] sample(SplittableRandom random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = draw(random);
        }
        return values;
    }

    /** {@code E[max of k]} by brute force over {@code draws} independent maxima. */
    double expectedMax(int k, int draws, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double sum = 0;
        for (int i = 0; i < draws; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, draw(random));
            }
            sum += max;
        }
        return sum / draws;
    }

    private static double gaussian(SplittableRandom random) {
        // Marsaglia's polar method.
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }

    private static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
