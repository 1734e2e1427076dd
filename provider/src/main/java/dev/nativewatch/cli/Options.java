package dev.nativewatch.cli;

import dev.nativewatch.ExtendedKinds;

import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the command line asks for.
 *
 * @param recursive   watch each directory's whole tree
 * @param kinds       the event kinds to register, in the order named, without repeats
 * @param json        print JSON lines instead of text
 * @param directories the directories, exactly as typed
 * @param help        print the usage and do nothing else
 */
record Options(boolean recursive, List<WatchEvent.Kind<?>> kinds, boolean json, List<String> directories,
               boolean help) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: nativewatch [-r] [--kinds KIND,...] [--json] DIR...",
            "Prints one line per change in each DIR until stopped.",
            "  -r              watch each DIR's whole tree",
            "  --kinds LIST    comma-separated kinds to report (default create,delete,modify):",
            "                  create, delete, modify, rename, attributes, size, write,",
            "                  access, creation, security",
            "  --json          print one JSON object per line",
            "  -h, --help      print this help and exit",
            "  --              end of options: every later argument is a DIR",
            "Stop with Ctrl-C or SIGTERM (exit status 0).",
            "Exit status: 1 when no DIR is watched any more, 2 on bad arguments.");

    private static final String DEFAULT_KINDS = "create,delete,modify";

    /** Each name the user may give, with the kinds it stands for. */
    private static final Map<String, List<WatchEvent.Kind<?>>> KINDS_BY_NAME = kindsByName();

    Options {
        kinds = List.copyOf(kinds);
        directories = List.copyOf(directories);
    }

    /**
     * @throws UsageException on an unknown option, an unknown or missing kind, or no directory
     */
    static Options parse(String... args) throws UsageException {
        boolean recursive = false;
        boolean json = false;
        String kindList = DEFAULT_KINDS;
        List<String> directories = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                directories.add(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                return new Options(false, List.of(), false, List.of(), true);
            } else if (arg.equals("-r")) {
                recursive = true;
            } else if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--kinds")) {
                if (i + 1 == args.length) {
                    throw new UsageException("option --kinds needs a value, such as --kinds " + DEFAULT_KINDS);
                }
                kindList = args[++i];
            } else if (arg.startsWith("--kinds=")) {
                kindList = arg.substring("--kinds=".length());
            } else {
                throw new UsageException("unknown option '" + arg + "' (try --help)");
            }
        }
        List<WatchEvent.Kind<?>> kinds = parseKinds(kindList);
        if (directories.isEmpty()) {
            throw new UsageException("no directory given (try --help)");
        }
        return new Options(recursive, kinds, json, directories, false);
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
