package dev.nativewatch.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * A provider that wraps other file systems so that their paths register with nativewatch's watch service, and
 * otherwise hands every operation to the provider of the wrapped path.
 *
 * <p>It works in two modes. <em>Installed</em> (the service loader's no-arg constructor), its scheme is
 * {@value #SCHEME}: {@code nativewatch:///tmp/x} names {@code /tmp/x} of the default file system, and
 * {@link #wrap(Path)} gives nativewatch paths for paths of any file system. As <em>the JVM's default
 * provider</em> ({@code -Djava.nio.file.spi.DefaultFileSystemProvider=}this class), its scheme is {@code file}
 * and it wraps the built-in provider, so that unchanged code gets nativewatch paths and watch services.
 */
public final class NativeWatchFileSystemProvider extends FileSystemProvider {

    /** The scheme of the installed provider. */
    public static final String SCHEME = "nativewatch";

    private static final String FILE_SCHEME = "file";

    private final String scheme;
    private final FileSystemCache wrappers = new FileSystemCache();
    private final Object primaryLock = new Object();
    private volatile NativeWatchFileSystem primary;

    /** The installed provider, scheme {@value #SCHEME}, as the service loader creates it. */
    public NativeWatchFileSystemProvider() {
        // The file system over the default one is made on first use: the service loader may run this before the
        // JVM's default file system is ready.
        this.scheme = SCHEME;
    }

    /**
     * The JVM's default provider, scheme {@code file}, wrapping the built-in one; the JVM calls this when
     * {@code java.nio.file.spi.DefaultFileSystemProvider} names this class.
     *
     * @param builtin the JVM's built-in provider
     * @throws IllegalArgumentException if {@code builtin}'s scheme is not {@code file}
     */
    public NativeWatchFileSystemProvider(FileSystemProvider builtin) {
        Objects.requireNonNull(builtin, "builtin");
        if (!FILE_SCHEME.equalsIgnoreCase(builtin.getScheme())) {
            throw new IllegalArgumentException("not a file-scheme provider: " + builtin.getScheme());
        }
        this.scheme = FILE_SCHEME;
        // From the built-in provider, never from FileSystems: the JVM is still making its default file system.
        this.primary = new NativeWatchFileSystem(this, builtin.getFileSystem(URI.create("file:///")), true);
    }

    /**
     * Returns the nativewatch path for {@code path}. A nativewatch path is returned as it is; a path of the
     * default file system becomes a path of the installed provider's file system over it (or of the default
     * file system itself, when that is already nativewatch's); a path of any other file system becomes a path
     * of the installed provider's wrapper of that file system, one wrapper per file system.
     *
     * @param path a path of any file system
     * @return the nativewatch path for it
     * @throws NullPointerException if {@code path} is null
     */
    public static Path wrap(Path path) {
        Objects.requireNonNull(path, "path");
        if (path instanceof NativeWatchPath) {
            return path;
        }
        FileSystem fileSystem = path.getFileSystem();
        if (FileSystems.getDefault() instanceof NativeWatchFileSystem defaultFileSystem
                && defaultFileSystem.delegate() == fileSystem) {
            return defaultFileSystem.wrap(path);
        }
        return Installed.PROVIDER.fileSystemFor(fileSystem).wrap(path);
    }

    @Override
    public String getScheme() {
        return scheme;
    }

    // ---- file systems and URIs

    /**
     * Hands the URI, in the file scheme, to the provider of the default file system; the JDK's provider refuses
     * with {@link java.nio.file.FileSystemAlreadyExistsException}, since that file system always exists.
     */
    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        return fileSystemFor(fileProvider().newFileSystem(toFileUri(uri), env));
    }

    /**
     * Hands the file to the provider of its delegate, as the other operations do; the JDK's provider refuses with
     * {@link UnsupportedOperationException}, which lets {@code FileSystems.newFileSystem(Path)} go on to the zip
     * provider.
     */
    @Override
    public FileSystem newFileSystem(Path path, Map<String, ?> env) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return fileSystemFor(providerOf(delegate).newFileSystem(delegate, env));
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        return fileSystemFor(fileProvider().getFileSystem(toFileUri(uri)));
    }

    @Override
    public Path getPath(URI uri) {
        Path path = fileProvider().getPath(toFileUri(uri));
        return fileSystemFor(path.getFileSystem()).wrap(path);
    }

    /** @return this provider's file system over {@code delegate}: its own for the default one, else a wrapper */
    NativeWatchFileSystem fileSystemFor(FileSystem delegate) {
        NativeWatchFileSystem own = primary();
        if (delegate == own.delegate()) {
            return own;
        }
        return wrappers.get(delegate, fileSystem -> new NativeWatchFileSystem(this, fileSystem, false));
    }

    /** @return the URI of this provider for a file URI of its primary file system's delegate */
    URI toOwnUri(URI fileUri) {
        if (scheme.equals(FILE_SCHEME)) {
            return fileUri;
        }
        return URI.create(scheme + fileUri.toString().substring(fileUri.getScheme().length()));
    }

    /**
     * @return the file URI for a URI of this provider; the rest of the URI is for the file provider to check
     * @throws IllegalArgumentException if the URI is not of this provider's scheme
     */
    private URI toFileUri(URI uri) {
        String uriScheme = uri.getScheme();
        if (uriScheme == null || !uriScheme.equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("URI does not match this provider: " + uri);
        }
        if (scheme.equals(FILE_SCHEME)) {
            return uri;
        }
        return URI.create(FILE_SCHEME + uri.toString().substring(uriScheme.length()));
    }

    /** @return the provider of the file system behind this provider's scheme */
    private FileSystemProvider fileProvider() {
        return primary().delegate().provider();
    }

    /**
     * Returns this provider's file system over the JVM's file-scheme file system: the default one, or the one
     * it wraps if the default is nativewatch's, so that paths are never wrapped twice.
     */
    private NativeWatchFileSystem primary() {
        NativeWatchFileSystem own = primary;
        if (own == null) {
            synchronized (primaryLock) {
                own = primary;
                if (own == null) {
                    FileSystem delegate = FileSystems.getDefault();
                    if (delegate instanceof NativeWatchFileSystem nativeWatch) {
                        delegate = nativeWatch.delegate();
                    }
                    own = new NativeWatchFileSystem(this, delegate, true);
                    primary = own;
                }
            }
        }
        return own;
    }

    // ---- file operations: unwrap, hand to the delegate path's provider, wrap what comes back

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                              FileAttribute<?>... attributes) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return providerOf(delegate).newByteChannel(delegate, options, attributes);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return providerOf(delegate).newFileChannel(delegate, options, attributes);
    }

    @Override
    public AsynchronousFileChannel newAsynchronousFileChannel(Path path, Set<? extends OpenOption> options,
                                                              ExecutorService executor,
                                                              FileAttribute<?>... attributes) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return providerOf(delegate).newAsynchronousFileChannel(delegate, options, executor, attributes);
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return providerOf(delegate).newInputStream(delegate, options);
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return providerOf(delegate).newOutputStream(delegate, options);
    }

    /** Lists the delegate directory; the filter and the caller both see nativewatch paths. */
    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        NativeWatchPath directory = NativeWatchPath.cast(dir);
        Objects.requireNonNull(filter, "filter");
        NativeWatchFileSystem fileSystem = directory.getFileSystem();
        Path delegate = directory.delegate();
        DirectoryStream<Path> stream = providerOf(delegate).newDirectoryStream(delegate,
                entry -> filter.accept(fileSystem.wrap(entry)));
        return NativeWatchDirectoryStream.of(stream, fileSystem);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attributes) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(dir);
        providerOf(delegate).createDirectory(delegate, attributes);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attributes) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(link);
        providerOf(delegate).createSymbolicLink(delegate, NativeWatchPath.delegateOf(target), attributes);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(link);
        providerOf(delegate).createLink(delegate, NativeWatchPath.delegateOf(existing));
    }

    @Override
    public void delete(Path path) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        providerOf(delegate).delete(delegate);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return providerOf(delegate).deleteIfExists(delegate);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        NativeWatchPath ours = NativeWatchPath.cast(link);
        Path delegate = ours.delegate();
        return ours.getFileSystem().wrap(providerOf(delegate).readSymbolicLink(delegate));
    }

    /**
     * Copies through {@link Files#copy(Path, Path, CopyOption...)} on the delegates, so that two wrapped file
     * systems of different providers (the default one and jimfs, say) copy as {@code Files} does between them.
     */
    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        Files.copy(NativeWatchPath.delegateOf(source), NativeWatchPath.delegateOf(target), options);
    }

    /** Moves through {@link Files#move(Path, Path, CopyOption...)} on the delegates, for the reason of copy. */
    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        Files.move(NativeWatchPath.delegateOf(source), NativeWatchPath.delegateOf(target), options);
    }

    /** As the JDK's provider: equal paths are the same file, and a path of another provider is not. */
    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        NativeWatchPath first = NativeWatchPath.cast(path);
        if (first.equals(path2)) {
            return true;
        }
        Objects.requireNonNull(path2, "path2");
        if (!(path2 instanceof NativeWatchPath second)) {
            return false;
        }
        Path delegate = first.delegate();
        return providerOf(delegate).isSameFile(delegate, second.delegate());
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return providerOf(delegate).isHidden(delegate);
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return providerOf(delegate).getFileStore(delegate);
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        providerOf(delegate).checkAccess(delegate, modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        Path delegate = NativeWatchPath.delegateOf(path);
        return providerOf(delegate).getFileAttributeView(delegate, type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return providerOf(delegate).readAttributes(delegate, type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return providerOf(delegate).readAttributes(delegate, attributes, options);
    }

    /**
     * Overrides {@code FileSystemProvider.exists} of JDK 20+, through which {@code Files.exists} and its kin test
     * paths there: without it a missing path would cost the inherited default's thrown NoSuchFileException. On
     * JDK 17 to 19 it is a method of this class alone, with the same answer.
     *
     * @param path    the path to test
     * @param options how symbolic links are handled, as in {@code Files.exists}
     * @return whether the file exists
     */
    public boolean exists(Path path, LinkOption... options) {
        Path delegate = NativeWatchPath.delegateOf(path);
        return NewerProviderMethods.exists(providerOf(delegate), delegate, options);
    }

    /**
     * Overrides {@code FileSystemProvider.readAttributesIfExists} of JDK 20+ ({@code Files.isDirectory},
     * {@code isRegularFile}, ...), for the reason of {@link #exists}.
     *
     * @param <A>     the type of the attributes
     * @param path    the path of the file
     * @param type    the class of the attributes to read
     * @param options how symbolic links are handled, as in {@code Files.readAttributes}
     * @return the attributes, or null if the file does not exist
     * @throws IOException if the attributes cannot be read for another reason
     */
    public <A extends BasicFileAttributes> A readAttributesIfExists(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        return NewerProviderMethods.readAttributesIfExists(providerOf(delegate), delegate, type, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        Path delegate = NativeWatchPath.delegateOf(path);
        providerOf(delegate).setAttribute(delegate, attribute, value, options);
    }

    @Override
    public String toString() {
        return "NativeWatchFileSystemProvider[" + scheme + "]";
    }

    private static FileSystemProvider providerOf(Path delegate) {
        return delegate.getFileSystem().provider();
    }

    /**
     * The installed provider that {@link #wrap(Path)} uses: the service loader's instance when there is one, so
     * that {@code nativewatch:} URIs and wrapped paths share one file system; else one of its own. Found on
     * first use, never while the JVM loads providers.
     */
    private static final class Installed {
        static final NativeWatchFileSystemProvider PROVIDER = find();

        private static NativeWatchFileSystemProvider find() {
            for (FileSystemProvider provider : FileSystemProvider.installedProviders()) {
                if (provider instanceof NativeWatchFileSystemProvider ours && SCHEME.equals(ours.scheme)) {
                    return ours;
                }
            }
            return new NativeWatchFileSystemProvider();
        }
    }
}
