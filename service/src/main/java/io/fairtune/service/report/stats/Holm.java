package io.fairtune.service.report.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's (1979) step-down procedure: sort the m p-values ascending and reject while {@code p₍ᵢ₎ <= α / (m − i +
 * 1)}; the first one that is not rejected stops the walk. It keeps the family-wise error at most α under any
 * dependence between the tests.
 */
public final class Holm {

    private Holm() {}

    /** Which nulls are rejected, in the order of {@code p}. */
    public static boolean[] rejects(double[] p, double alpha) {
        Integer[] order = ascending(p);
        boolean[] rejected = new boolean[p.length];
        for (int rank = 0; rank < order.length; rank++) {
            int i = order[rank];
            if (!(p[i] <= alpha / (p.length - rank))) {
                break;
            }
            rejected[i] = true;
        }
        return rejected;
    }

    /**
     * The level each test is held to, in the order of {@code p}: {@code α / (m − rank + 1)} by its rank among the
     * p-values (ties broken by position, so equal p-values get the stricter levels first).
     */
    public static double[] levels(double[] p, double alpha) {
        Integer[] order = ascending(p);
        double[] levels = new double[p.length];
        for (int rank = 0; rank < order.length; rank++) {
            levels[order[rank]] = alpha / (p.length - rank);
        }
        return levels;
    }

    private static Integer[] ascending(double[] p) {
        for (double value : p) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("p-values must be in [0, 1] but contain " + value);
            }
        }
        Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> p[i]).thenComparingInt(i -> i));
        return order;
    }
}
