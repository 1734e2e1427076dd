package dev.nativewatch.backend.windows;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What every Wine process the tests start shares: where wine is, and a quiet, headless environment. */
final class Wine {

    private Wine() {
    }

    static void environment(Map<String, String> environment, Path prefix) {
        if (prefix != null) {
            environment.put("WINEPREFIX", prefix.toString());
        }
        environment.put("WINEDEBUG", "-all");
        // No Mono or Gecko installer prompts, no windows.
        environment.put("WINEDLLOVERRIDES", "mscoree,mshtml=");
        environment.remove("DISPLAY");
        environment.remove("WAYLAND_DISPLAY");
    }

    static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Optional.of(Path.of(dir, command));
            }
        }
        return Optional.empty();
    }
}
