package dev.nativewatch.tck;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the compatibility report, {@code tck-report.md}: one row per check, one column per implementation.
 *
 * <p>Each JVM that runs checks (one per surefire execution) merges its results into one partial file per
 * implementation under {@code tck-results/}, then rewrites the report from every partial there; so the report
 * covers every execution of the build, and a run of a subset updates only its own cells. The directory is
 * {@code -Dtck.report.dir}, or {@code target} under the working directory.
 *
 * <p>Register it with a {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener} file in the
 * test resources of the module that runs the suite.
 */
public final class TckReportListener implements TestExecutionListener {

    static final String REPORT = "tck-report.md";
    static final String RESULTS = "tck-results";
    static final String REFERENCE = "jdk-default";
    private static final List<String> CONTRACT_ORDER = List.of("Registration", "EventDelivery", "KeyLifecycle",
            "Close", "Overflow", "Concurrency", "Extension", "Scenario", "Differential");
    private static final int NOTE_LIMIT = 400;

    /**
     * The outcome of one check for one implementation, and the runtime that ran it: the columns of one report can
     * come from different JVMs (a build on two JDKs, a Windows runtime under Wine), and each says which.
     */
    record Row(String check, String tags, String outcome, String detail, String runtime) {
    }

    /** This JVM, as the report names the runtime of the rows it writes. */
    static final String RUNTIME = "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name")
            + " " + System.getProperty("os.arch");

    private final Map<String, Map<String, String>> published = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Row>> results = new ConcurrentHashMap<>();

    /** Created by the JUnit Platform launcher, which finds it as a service. */
    public TckReportListener() {
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (values.containsKey(TckExtension.IMPLEMENTATION)) {
            published.put(test.getUniqueId(), values);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Map<String, String> values = published.remove(test.getUniqueId());
        if (values == null) {
            return;
        }
        String check = values.get(TckExtension.CHECK);
        Throwable thrown = result.getThrowable().orElse(null);
        String tags = values.get(TckExtension.TAGS);
        Row row = switch (result.getStatus()) {
            case SUCCESSFUL -> new Row(check, tags, "pass", "", RUNTIME);
            case ABORTED -> thrown instanceof ExpectedDeviation deviation
                    ? new Row(check, tags, "expected-deviation", deviation.reason(), RUNTIME)
                    : new Row(check, tags, "n/a", thrown == null ? "" : text(thrown.getMessage()), RUNTIME);
            case FAILED -> thrown instanceof UnexpectedPass pass
                    ? new Row(check, tags, "UNEXPECTED PASS", pass.reason(), RUNTIME)
                    : new Row(check, tags, "FAIL", message(thrown), RUNTIME);
        };
        results.computeIfAbsent(values.get(TckExtension.IMPLEMENTATION), i -> new ConcurrentHashMap<>())
                .put(check, row);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (results.isEmpty()) {
            return;
        }
        merge(Path.of(System.getProperty("tck.report.dir", "target")), results);
    }

    /**
     * Merges {@code results} (implementation → check → row) into the partials under {@code base}, and rewrites the
     * report from them all.
     */
    static void merge(Path base, Map<String, Map<String, Row>> results) {
        Path partials = base.resolve(RESULTS);
        try {
            Files.createDirectories(partials);
            try (FileChannel lockFile = FileChannel.open(partials.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                for (Map.Entry<String, Map<String, Row>> implementation : results.entrySet()) {
                    Path partial = partials.resolve(implementation.getKey() + ".tsv");
                    Map<String, Row> merged = new TreeMap<>(readPartial(partial));
                    merged.putAll(implementation.getValue());
                    writeAtomically(partial, renderPartial(merged.values()));
                }
                writeAtomically(base.resolve(REPORT), renderReport(readAll(partials), partials));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TCK report under " + base.toAbsolutePath(), e);
        }
    }

    // ---- partials

    private static String renderPartial(Iterable<Row> rows) {
        StringBuilder text = new StringBuilder();
        for (Row row : rows) {
            text.append(escape(row.check())).append('\t').append(escape(row.tags())).append('\t')
                    .append(escape(row.outcome())).append('\t').append(escape(row.detail())).append('\t')
                    .append(escape(row.runtime())).append('\n');
        }
        return text.toString();
    }

    private static Map<String, Row> readPartial(Path partial) throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        if (!Files.exists(partial)) {
            return rows;
        }
        for (String line : Files.readAllLines(partial, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t", -1);
            if (fields.length == 4 || fields.length == 5) {
                // A partial written before rows named their runtime has four fields.
                String runtime = fields.length == 5 ? unescape(fields[4]) : "";
                Row row = new Row(unescape(fields[0]), unescape(fields[1]), unescape(fields[2]), unescape(fields[3]),
                        runtime);
                rows.put(row.check(), row);
            }
        }
        return rows;
    }

    private static Map<String, Map<String, Row>> readAll(Path partials) throws IOException {
        Map<String, Map<String, Row>> all = new TreeMap<>(Comparator
                .comparing((String name) -> !name.equals(REFERENCE)).thenComparing(Comparator.naturalOrder()));
        try (Stream<Path> files = Files.list(partials)) {
            for (Path partial : files.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList()) {
                String name = partial.getFileName().toString();
                all.put(name.substring(0, name.length() - ".tsv".length()), readPartial(partial));
            }
        }
        return all;
    }

    // ---- the report

    private static String renderReport(Map<String, Map<String, Row>> all, Path partials) {
        List<String> implementations = new ArrayList<>(all.keySet());
        Map<String, String> tags = new TreeMap<>(CHECK_ORDER);
        all.values().forEach(rows -> rows.values().forEach(row -> tags.putIfAbsent(row.check(), row.tags())));
        Notes notes = new Notes();

        StringBuilder md = new StringBuilder();
        md.append("# nativewatch compatibility report\n\n");
        md.append("Generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" from ")
                .append(implementations.size()).append(" partial result files in `")
                .append(partials.getFileName()).append("/` (merged across surefire executions, and across builds "
                        + "that share the directory); the summary names the runtime that ran each column.\n\n");
        md.append("Cells: **pass**; **FAIL**; **expected-deviation** (declared by the implementation with a reason, "
                + "and it did fail); **UNEXPECTED PASS** (declared as a deviation, but passed); **n/a** (not "
                + "applicable: feature not claimed, other platform, or declared). Numbers refer to the notes.\n\n");

        md.append("## Summary\n\n| implementation | pass | FAIL | expected-deviation | UNEXPECTED PASS | n/a "
                + "| run on |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (String implementation : implementations) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String outcome : List.of("pass", "FAIL", "expected-deviation", "UNEXPECTED PASS", "n/a")) {
                counts.put(outcome, 0);
            }
            all.get(implementation).values().forEach(row -> counts.merge(row.outcome(), 1, Integer::sum));
            md.append("| ").append(implementation);
            counts.values().forEach(count -> md.append(" | ").append(count));
            md.append(" | ").append(cell(runtimes(all.get(implementation).values()))).append(" |\n");
        }

        md.append("\n## Checks\n\n| check | tags |");
        implementations.forEach(implementation -> md.append(' ').append(implementation).append(" |"));
        md.append("\n|---|---|");
        implementations.forEach(implementation -> md.append("---|"));
        md.append('\n');
        for (Map.Entry<String, String> check : tags.entrySet()) {
            md.append("| ").append(cell(check.getKey())).append(" | ").append(cell(check.getValue())).append(" |");
            for (String implementation : implementations) {
                Row row = all.get(implementation).get(check.getKey());
                md.append(' ').append(row == null ? "—" : outcomeCell(row, notes)).append(" |");
            }
            md.append('\n');
        }

        if (!notes.texts.isEmpty()) {
            md.append("\n## Notes\n\n");
            int number = 1;
            for (String text : notes.texts.keySet()) {
                md.append(number++).append(". ").append(cell(text)).append('\n');
            }
        }
        return md.toString();
    }

    /** @return the runtimes that ran these rows, most rows first; "unknown" for rows that do not say */
    private static String runtimes(Collection<Row> rows) {
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(
                row -> row.runtime().isEmpty() ? "unknown" : row.runtime(), TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(runtime -> counts.size() == 1 ? runtime.getKey() : runtime.getKey() + " ("
                        + runtime.getValue() + (runtime.getValue() == 1 ? " check)" : " checks)"))
                .collect(Collectors.joining("; "));
    }

    private static String outcomeCell(Row row, Notes notes) {
        String label = switch (row.outcome()) {
            case "FAIL", "UNEXPECTED PASS" -> "**" + row.outcome() + "**";
            default -> row.outcome();
        };
        return row.detail().isEmpty() ? label : label + " [" + notes.number(row.detail()) + "]";
    }

    /** Numbered notes, each text once. */
    private static final class Notes {
        final Map<String, Integer> texts = new LinkedHashMap<>();

        int number(String text) {
            String shortened = text.length() > NOTE_LIMIT ? text.substring(0, NOTE_LIMIT) + " …" : text;
            return texts.computeIfAbsent(shortened, t -> texts.size() + 1);
        }
    }

    /** Contracts in the order of the suite, then checks by name. */
    private static final Comparator<String> CHECK_ORDER = Comparator
            .comparingInt((String check) -> {
                int index = CONTRACT_ORDER.indexOf(check.substring(0, Math.max(0, check.indexOf('.'))));
                return index < 0 ? CONTRACT_ORDER.size() : index;
            })
            .thenComparing(Comparator.naturalOrder());

    // ---- text

    private static String message(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        String message = thrown.getMessage();
        String text = message == null || message.isBlank() ? thrown.getClass().getName()
                : thrown.getClass().getSimpleName() + ": " + message;
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String text(String message) {
        return message == null ? "" : message.replaceFirst("^Assumption failed: ", "").replaceAll("\\s+", " ").trim();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\s+", " ");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
