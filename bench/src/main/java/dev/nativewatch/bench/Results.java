package dev.nativewatch.bench;

import dev.nativewatch.bench.BenchOptions.Section;
import dev.nativewatch.bench.peers.PeerId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/** Every run's figures, by workload, size and peer; the tables quote their medians. */
final class Results {

    /** One table cell's worth of runs. {@code size} is the tree or burst size, 0 where a workload has none. */
    record Cell(Section section, int size, PeerId peer) {
    }

    private final Map<Cell, List<Measurement>> runs = new LinkedHashMap<>();
    private final Map<Cell, List<String>> failures = new LinkedHashMap<>();

    void add(Cell cell, Measurement measurement) {
        runs.computeIfAbsent(cell, c -> new ArrayList<>()).add(measurement);
    }

    void failed(Cell cell, String why) {
        failures.computeIfAbsent(cell, c -> new ArrayList<>()).add(why);
    }

    /** @return the median of a figure over the runs that reported it */
    OptionalDouble median(Section section, int size, PeerId peer, String figure) {
        List<Double> values = values(new Cell(section, size, peer), figure);
        return values.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Stats.median(values));
    }

    /** @return the least value of a figure over the runs */
    OptionalDouble min(Section section, int size, PeerId peer, String figure) {
        return values(new Cell(section, size, peer), figure).stream().mapToDouble(Double::doubleValue).min();
    }

    /** @return the greatest value of a figure over the runs */
    OptionalDouble max(Section section, int size, PeerId peer, String figure) {
        return values(new Cell(section, size, peer), figure).stream().mapToDouble(Double::doubleValue).max();
    }

    /** @return in how many runs a figure met a condition */
    long runsWhere(Section section, int size, PeerId peer, String figure, DoublePredicate condition) {
        return values(new Cell(section, size, peer), figure).stream().mapToDouble(Double::doubleValue)
                .filter(condition).count();
    }

    /** @return the figure of each run that reported it, in the order of the runs */
    List<Double> each(Section section, int size, PeerId peer, String figure) {
        return values(new Cell(section, size, peer), figure);
    }

    /** @return how many runs of a cell succeeded */
    int count(Section section, int size, PeerId peer) {
        return runs.getOrDefault(new Cell(section, size, peer), List.of()).size();
    }

    /** @return why runs of a cell failed, if any did */
    List<String> failures(Section section, int size, PeerId peer) {
        return failures.getOrDefault(new Cell(section, size, peer), List.of());
    }

    private List<Double> values(Cell cell, String figure) {
        List<Double> values = new ArrayList<>();
        for (Measurement measurement : runs.getOrDefault(cell, List.of())) {
            measurement.get(figure).ifPresent(value -> {
                if (!Double.isNaN(value)) {
                    values.add(value);
                }
            });
        }
        return values;
    }
}
