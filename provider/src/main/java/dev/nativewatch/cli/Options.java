package dev.nativewatch.cli;

import dev.nativewatch.ExtendedKinds;

import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the command line asks for.
 *
 * @param recursive   watch each directory's whole tree
 * @param kinds       the event kinds to register, in the order named, without repeats
 * @param json        print JSON lines instead of text
 * @param directories the directories, exactly as typed
 * @param help        print the usage and do nothing else
 * @param version     print the version and do nothing else
 * @param excludes    globs of paths to leave alone, from --exclude and --exclude-from, in the order given
 * @param includes    globs of the only paths to report, if any
 * @param quiet       no start line on standard error
 * @param maxEvents   exit after this many events; 0 for no limit
 * @param timeout     exit after this long without an event
 * @param backend     the backend to use instead of the best available
 * @param nul         end each line with NUL instead of a line separator
 * @param format      the line format with % placeholders, instead of the default text
 * @param timeFormat  the pattern of the time in text lines and in %T
 */
record Options(boolean recursive, List<WatchEvent.Kind<?>> kinds, boolean json, List<String> directories,
               boolean help, boolean version, List<String> excludes, List<String> includes, boolean quiet,
               long maxEvents, Optional<Duration> timeout, Optional<String> backend, boolean nul,
               Optional<String> format, Optional<String> timeFormat) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: nativewatch [OPTION]... DIR...",
            "Prints one line per change in each DIR until stopped.",
            "  -r, --recursive        watch each DIR's whole tree",
            "  --kinds LIST           kinds to report, comma-separated (default create,delete,modify): create, "
                    + "delete, modify, rename, attributes, size, write, access, creation, security",
            "  --exclude GLOB         leave alone paths matching GLOB, relative to DIR (** crosses directories); "
                    + "excluded directories take no watch; repeatable",
            "  --exclude-from FILE    read exclude globs from FILE, one a line; lines starting with # are comments",
            "  --include GLOB         report only paths matching GLOB, relative to DIR; repeatable",
            "  --json                 print one JSON object per line",
            "  --format FMT           print lines as FMT: %T time, %e kind, %w DIR with a trailing separator, %f path "
                    + "relative to DIR, %c count, %% percent (%w%f is the full path)",
            "  --timefmt PATTERN      time of %T and of text lines, a java.time DateTimeFormatter pattern "
                    + "(default uuuu-MM-dd'T'HH:mm:ss.SSS)",
            "  -0, --null             end each line with a NUL character instead of a newline",
            "  -1                     exit with status 0 after the first event (same as --max-events 1)",
            "  --max-events N         exit with status 0 after N events",
            "  -t, --timeout SECONDS  exit after SECONDS without an event: status 0 if any event came, 1 if none",
            "  -q, --quiet            print no start line on standard error",
            "  --backend NAME         use backend NAME (inotify, windows, polling) instead of the best available",
            "  --version              print the version and exit",
            "  -h, --help             print this help and exit",
            "  --                     end of options: every later argument is a DIR",
            "Stop with Ctrl-C or SIGTERM (exit status 0).",
            "Exit status: 0 stopped, after --max-events, or at --timeout after events; 1 no DIR watched any more, "
                    + "--timeout without events, or output failed; 2 bad arguments or DIR; 3 the inotify watch "
                    + "limit (fs.inotify.max_user_watches) reached.");

    private static final String DEFAULT_KINDS = "create,delete,modify";
    private static final Set<String> BACKENDS = Set.of("inotify", "windows", "polling");
    /** The options without a value, which {@code --name=value} must not give one silently. */
    private static final Set<String> FLAGS = Set.of("--help", "--version", "--recursive", "--json", "--quiet",
            "--null");

    /** Each name the user may give, with the kinds it stands for. */
    private static final Map<String, List<WatchEvent.Kind<?>>> KINDS_BY_NAME = kindsByName();

    Options {
        kinds = List.copyOf(kinds);
        directories = List.copyOf(directories);
        excludes = List.copyOf(excludes);
        includes = List.copyOf(includes);
    }

    /** @return options that only ask for the help text */
    private static Options helpOnly(boolean help, boolean version) {
        return new Options(false, List.of(), false, List.of(), help, version, List.of(), List.of(), false, 0,
                Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    /**
     * @throws UsageException on an unknown option, a missing or bad value, an unreadable exclude file, or no
     *                        directory
     */
    static Options parse(String... args) throws UsageException {
        Parsing parsing = new Parsing();
        Arguments in = new Arguments(args);
        while (in.hasNext()) {
            String arg = in.next();
            if (in.optionsEnded() || !arg.startsWith("-") || arg.equals("-")) {
                parsing.directories.add(arg);
            } else if (!parsing.option(arg, in)) {
                return helpOnly(parsing.help, parsing.version);
            }
        }
        return parsing.options();
    }

    /** What the arguments read so far ask for. */
    private static final class Parsing {
        boolean recursive;
        boolean json;
        boolean quiet;
        boolean nul;
        boolean help;
        boolean version;
        long maxEvents;
        Optional<Duration> timeout = Optional.empty();
        Optional<String> backend = Optional.empty();
        Optional<String> format = Optional.empty();
        Optional<String> timeFormat = Optional.empty();
        String kindList = DEFAULT_KINDS;
        final List<String> excludes = new ArrayList<>();
        final List<String> includes = new ArrayList<>();
        final List<String> directories = new ArrayList<>();

        /** @return false if the option asks for no watch at all ({@code --help}, {@code --version}) */
        boolean option(String arg, Arguments in) throws UsageException {
            String name = Arguments.nameOf(arg);
            if (!name.equals(arg) && FLAGS.contains(name)) {
                throw new UsageException("option " + name + " takes no value (try --help)");
            }
            switch (name) {
                case "--" -> in.endOptions();
                case "-h", "--help" -> help = true;
                case "--version" -> version = true;
                case "-r", "--recursive" -> recursive = true;
                case "--json" -> json = true;
                case "-q", "--quiet" -> quiet = true;
                case "-0", "--null" -> nul = true;
                case "-1" -> maxEvents = 1;
                case "--kinds" -> kindList = in.value(arg, "--kinds " + DEFAULT_KINDS);
                case "--exclude" -> excludes.add(glob(name, in.value(arg)));
                case "--exclude-from" -> {
                    for (String glob : GlobFile.read(in.value(arg))) {
                        excludes.add(glob(name, glob));
                    }
                }
                case "--include" -> includes.add(glob(name, in.value(arg)));
                case "--max-events" -> maxEvents = positive(name, in.value(arg));
                case "-t", "--timeout" -> timeout = Optional.of(Duration.ofSeconds(positive(name, in.value(arg))));
                case "--backend" -> backend = Optional.of(backend(in.value(arg)));
                case "--format" -> format = Optional.of(lineFormat(in.value(arg)));
                case "--timefmt" -> timeFormat = Optional.of(timePattern(in.value(arg)));
                default -> throw new UsageException("unknown option '" + Printable.escaped(arg) + "' (try --help)");
            }
            return !help && !version;
        }

        Options options() throws UsageException {
            if (json && format.isPresent()) {
                throw new UsageException("--json and --format cannot be used together");
            }
            List<WatchEvent.Kind<?>> kinds = parseKinds(kindList);
            if (directories.isEmpty()) {
                throw new UsageException("no directory given (try --help)");
            }
            return new Options(recursive, kinds, json, directories, false, false, excludes, includes, quiet,
                    maxEvents, timeout, backend, nul, format, timeFormat);
        }
    }

    /** @return the glob, checked with the syntax the watch will use */
    private static String glob(String option, String glob) throws UsageException {
        if (glob.isEmpty()) {
            throw new UsageException(option + " needs a glob, such as " + option + " '**/node_modules'");
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + Printable.escaped(glob) + ": not a valid glob ("
                    + Printable.escaped(e.getMessage().lines().findFirst().orElse("")) + ")");
        }
        return glob;
    }

    private static long positive(String option, String value) throws UsageException {
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new UsageException(option + " needs a positive whole number, not '" + Printable.escaped(value) + "'");
    }

    private static String backend(String name) throws UsageException {
        String trimmed = name.trim().toLowerCase(Locale.ROOT);
        if (!BACKENDS.contains(trimmed)) {
            throw new UsageException("unknown backend '" + Printable.escaped(name)
                    + "'; known backends: inotify, windows, polling");
        }
        return trimmed;
    }

    private static String lineFormat(String format) throws UsageException {
        try {
            return LineFormat.check(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException(Printable.escaped(e.getMessage()));
        }
    }

    private static String timePattern(String pattern) throws UsageException {
        try {
            DateTimeFormatter.ofPattern(pattern);
            return pattern;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--timefmt '" + Printable.escaped(pattern) + "': " + e.getMessage());
        }
    }

    private static List<WatchEvent.Kind<?>> parseKinds(String list) throws UsageException {
        if (list.isBlank()) {
            throw new UsageException("--kinds is empty; known kinds: " + String.join(", ", KINDS_BY_NAME.keySet()));
        }
        Set<WatchEvent.Kind<?>> kinds = new LinkedHashSet<>();
        for (String item : list.split(",", -1)) {
            String name = item.trim().toLowerCase(Locale.ROOT);
            List<WatchEvent.Kind<?>> named = KINDS_BY_NAME.get(name);
            if (named == null) {
                String problem = name.isEmpty() ? "empty kind in '" + list + "'" : "unknown kind '" + item.trim() + "'";
                throw new UsageException(problem + "; known kinds: " + String.join(", ", KINDS_BY_NAME.keySet()));
            }
            kinds.addAll(named);
        }
        return new ArrayList<>(kinds);
    }

    private static Map<String, List<WatchEvent.Kind<?>>> kindsByName() {
        Map<String, List<WatchEvent.Kind<?>>> map = new LinkedHashMap<>();
        map.put("create", List.of(StandardWatchEventKinds.ENTRY_CREATE));
        map.put("delete", List.of(StandardWatchEventKinds.ENTRY_DELETE));
        map.put("modify", List.of(StandardWatchEventKinds.ENTRY_MODIFY));
        map.put("rename", List.of(ExtendedKinds.ENTRY_RENAME_FROM, ExtendedKinds.ENTRY_RENAME_TO));
        map.put("attributes", List.of(ExtendedKinds.ENTRY_ATTRIBUTES));
        map.put("size", List.of(ExtendedKinds.ENTRY_SIZE));
        map.put("write", List.of(ExtendedKinds.ENTRY_LAST_WRITE));
        map.put("access", List.of(ExtendedKinds.ENTRY_LAST_ACCESS));
        map.put("creation", List.of(ExtendedKinds.ENTRY_CREATION_TIME));
        map.put("security", List.of(ExtendedKinds.ENTRY_SECURITY));
        return Collections.unmodifiableMap(map);
    }
}
