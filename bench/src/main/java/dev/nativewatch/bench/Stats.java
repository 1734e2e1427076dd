package dev.nativewatch.bench;

import java.util.Arrays;
import java.util.Collection;

/** Medians and percentiles: the only statistics the tables quote. */
public final class Stats {

    private Stats() {
    }

    /** @return the median, the mean of the two middle values for an even count; NaN for none */
    public static double median(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** @return the nearest-rank percentile ({@code p} in 0..100) of the values, which need not be sorted */
    public static double percentile(long[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }
}
