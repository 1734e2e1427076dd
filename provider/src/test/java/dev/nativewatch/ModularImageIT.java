package dev.nativewatch;

import com.sun.jna.Native;
import dev.nativewatch.testing.ChildJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The library jar as a modular application uses it. A small application ({@code src/test/modular-app}) that
 * {@code requires dev.nativewatch} runs from the module path, beside JNA's plain jar (an automatic module), and is
 * linked by jlink with the library and JNA's explicit module (jna-jpms) into a run-time image. jlink refuses
 * automatic modules, so the link alone shows that the library jar is an explicit module; the image then has to
 * start a native watch and report a file created in the watched directory.
 */
class ModularImageIT {

    private static final String PROVIDER = "dev.nativewatch.spi.NativeWatchFileSystemProvider";
    private static final String MAIN = "example.watch/example.watch.Main";
    private static final String DEFAULT_PROVIDER_OPTION = "-Djava.nio.file.spi.DefaultFileSystemProvider=" + PROVIDER;
    /** JNA calls native code: on JDK 24+ the JVM warns unless its module is allowed to (JDK 17 accepts it too). */
    private static final String NATIVE_ACCESS_OPTION = "--enable-native-access=com.sun.jna";

    @TempDir
    static Path work;

    @TempDir
    Path watched;

    private static Path application;
    private static Path image;

    @BeforeAll
    static void compileTheApplication() throws IOException {
        application = work.resolve("classes");
        Path source = Path.of(System.getProperty("dev.nativewatch.modularAppSource", "src/test/modular-app"));
        run("javac", "--release", "17", "-d", application.toString(),
                "--module-source-path", source.toString(),
                "--module-path", modulePath(libraryJar(), codeSource(Native.class)),
                "-m", "example.watch");
    }

    @Test
    void theJarIsAnExplicitModuleThatExportsOnlyTheApi() throws IOException {
        ModuleDescriptor module = ModuleFinder.of(libraryJar()).find("dev.nativewatch")
                .orElseThrow(() -> new AssertionError(libraryJar() + " holds no module dev.nativewatch"))
                .descriptor();

        assertFalse(module.isAutomatic(), "the jar is an automatic module: it has no module-info.class");
        Map<String, Set<String>> exports = module.exports().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets));
        // An empty set of targets is an export to everyone.
        assertEquals(Map.of("dev.nativewatch", Set.of(), "dev.nativewatch.spi", Set.of("java.base")), exports);
        assertTrue(module.requires().stream().anyMatch(r -> r.name().equals("com.sun.jna")), module.toString());
        assertEquals(List.of(PROVIDER), module.provides().stream()
                .filter(p -> p.service().equals(FileSystemProvider.class.getName()))
                .flatMap(p -> p.providers().stream()).toList());
        // What class-path users find the provider by: the module descriptor is ignored there.
        try (JarFile jar = new JarFile(libraryJar().toFile())) {
            var services = jar.getEntry("META-INF/services/" + FileSystemProvider.class.getName());
            assertNotNull(services, "the class-path registration of the provider is missing");
            assertEquals(PROVIDER, new String(jar.getInputStream(services).readAllBytes()).strip());
        }
    }

    @Test
    void watchesFromTheModulePath() throws Exception {
        ChildJvm.Result result = ChildJvm.sameJdk()
                .option(NATIVE_ACCESS_OPTION, "--module-path", modulePath(application, libraryJar(),
                        codeSource(Native.class)))
                .runModule(MAIN, "front-door", watched.toString());

        assertWatched(result, "sun.nio.fs.");
    }

    @Test
    void isTheDefaultProviderFromTheModulePath() throws Exception {
        ChildJvm.Result result = ChildJvm.sameJdk()
                .option(NATIVE_ACCESS_OPTION, DEFAULT_PROVIDER_OPTION, "--module-path", modulePath(application,
                        libraryJar(), codeSource(Native.class)))
                .runModule(MAIN, "default-provider", watched.toString());

        assertWatched(result, PROVIDER);
    }

    @Test
    void watchesInALinkedImage() throws Exception {
        ChildJvm.Result result = ChildJvm.of(image()).option(NATIVE_ACCESS_OPTION)
                .runModule(MAIN, "front-door", watched.toString());

        assertWatched(result, "sun.nio.fs.");
    }

    @Test
    void isTheDefaultProviderInALinkedImage() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "JDK " + Runtime.version() + " cannot use a default file"
                + " system provider that is linked into the run-time image: loading it from the image needs the"
                + " default file system first (JDK-8331467, fixed in JDK 24; CI runs this test on JDK 25). On"
                + " older JDKs the module path works, as isTheDefaultProviderFromTheModulePath shows");
        ChildJvm.Result result = ChildJvm.of(image()).option(NATIVE_ACCESS_OPTION, DEFAULT_PROVIDER_OPTION)
                .runModule(MAIN, "default-provider", watched.toString());

        assertWatched(result, PROVIDER);
    }

    /** The application, the library and jna-jpms linked into an image, once for every test that needs it. */
    private static synchronized Path image() throws IOException {
        if (image == null) {
            Path output = work.resolve("image");
            Path jnaJpms = Path.of(System.getProperty("dev.nativewatch.jnaJpmsJar", "target/jpms-jna/jna-jpms.jar"));
            assertTrue(Files.isRegularFile(jnaJpms), "jna-jpms was not copied by the build: " + jnaJpms);
            String[] jlink = {"--module-path", modulePath(application, libraryJar(), jnaJpms),
                    "--add-modules", "example.watch", "--output", output.toString(),
                    "--strip-debug", "--no-header-files", "--no-man-pages"};
            Path jmods = Path.of(System.getProperty("java.home"), "jmods");
            String said = tryRun("jlink", jlink);
            if (said != null) {
                // JDK 24+ can link without jmods when it was built to; a JDK without either cannot link at all.
                if (!Files.isDirectory(jmods) && said.contains("jmods")) {
                    abort("this JDK cannot link images: it has no " + jmods + " and says: " + said);
                }
                throw new AssertionError("jlink failed: " + said);
            }
            image = output;
        }
        return image;
    }

    private static void assertWatched(ChildJvm.Result result, String defaultProvider) {
        assertTrue(result.ended(), result.describe());
        assertEquals(0, result.exitCode(), result.describe());
        List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result.describe());
        assertTrue(lines.get(0).startsWith("default-provider=" + defaultProvider), result.describe());
        assertEquals(List.of("backend=" + nativeBackend(), "service-module=dev.nativewatch",
                "event=ENTRY_CREATE hello.txt"), lines.subList(1, 4), result.describe());
        // No warning of any kind: JNA has its native access, and nothing the library needs is missing.
        assertEquals("", result.err(), result.describe());
    }

    /** The backend this platform is to use: a fallback to polling would mean JNA failed in the module. */
    private static String nativeBackend() {
        String os = System.getProperty("os.name");
        if (os.startsWith("Linux")) {
            return "inotify";
        }
        return os.startsWith("Windows") ? "windows" : "polling";
    }

    private static Path libraryJar() {
        Path jar = Path.of(System.getProperty("dev.nativewatch.libraryJar", "target/nativewatch-provider.jar"));
        assertTrue(Files.isRegularFile(jar), "the library jar was not built: " + jar.toAbsolutePath());
        return jar;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String modulePath(Path... entries) {
        return Stream.of(entries).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static void run(String tool, String... args) {
        String said = tryRun(tool, args);
        if (said != null) {
            throw new AssertionError(tool + " failed: " + said);
        }
    }

    /** @return null if {@code tool} succeeded, else what it printed */
    private static String tryRun(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseGet(() -> abort("this Java runtime has no " + tool + "; a JDK is needed"));
        StringWriter said = new StringWriter();
        try (PrintWriter out = new PrintWriter(said)) {
            int status = provider.run(out, out, args);
            out.flush();
            return status == 0 ? null : "exit status " + status + ": " + said;
        }
    }
}
