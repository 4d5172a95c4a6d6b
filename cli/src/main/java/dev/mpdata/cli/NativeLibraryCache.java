package dev.mpdata.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Keeps DuckDB's native library (about 70 MB, bundled in the jar) in a per-user cache, keyed by DuckDB's
 * version, instead of letting the driver unpack a fresh copy into the temp folder on every start (which a
 * killed process leaves behind).
 *
 * <p>The driver loads its library in this order: if its jar holds {@code /libduckdb_java.so_<os>_<arch>}, it
 * copies that to a temp file and loads it; otherwise {@code System.loadLibrary("duckdb_java")}, which asks
 * the class loader's {@link ClassLoader#findLibrary} before searching {@code java.library.path}. So {@code mp}
 * runs its classes in a {@link Loader} that hides the bundled resource and answers {@code findLibrary} with
 * the cached file. The file is written once, atomically (temp file in the same folder, then rename), so two
 * first starts at once never load a half-written library.
 *
 * <pre>{@code
 * ClassLoader loader = NativeLibraryCache.loader(System.getenv());   // null when not run from the jar
 * }</pre>
 */
final class NativeLibraryCache {
    /** The name the driver asks {@code System.loadLibrary} for. */
    static final String LIBRARY = "duckdb_java";

    /** Set by the launcher on the run that writes the start-up archive ({@link Loader#linkDefined}). */
    static final String TRAINING = "MP_CDS_TRAINING";

    /** The manifest attribute holding DuckDB's version, written by the build. */
    static final String VERSION_ATTRIBUTE = "DuckDB-Version";

    private NativeLibraryCache() {}

    /**
     * Returns a class loader for the jar {@code mp} runs from that loads DuckDB's library from the cache
     * (extracting it on first use).
     *
     * @param env the environment ({@code XDG_CACHE_HOME}, {@code HOME}, {@code MP_JFR}, {@code MP_CDS_TRAINING})
     * @return the loader, or {@code null} when {@code mp} does not run from a jar that bundles the library
     *     (e.g. from the build's class folders): the driver then loads it its own way
     */
    static ClassLoader loader(Map<String, String> env) {
        URL resource = NativeLibraryCache.class.getResource("/" + driverResourceName());
        if (resource == null) {
            return null;
        }
        try {
            Path jar = Path.of(NativeLibraryCache.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            String version;
            long size;
            // One look into the jar (a 95 MB archive) for both the version and the library's size.
            try (JarFile f = new JarFile(jar.toFile(), false)) {
                version = f.getManifest() == null
                        ? null
                        : f.getManifest().getMainAttributes().getValue(VERSION_ATTRIBUTE);
                JarEntry entry = f.getJarEntry(driverResourceName());
                size = entry == null ? -1 : entry.getSize();
            }
            if (version == null) {
                return null;
            }
            Path lib;
            try {
                lib = extract(resource, size, cacheDir(env, version));
            } catch (IOException e) {
                // No writable cache: a temp copy as the driver makes, deleted on exit.
                lib = extractToTemp(resource);
            }
            return new Loader(jar.toUri().toURL(), lib, "1".equals(env.get("MP_JFR")), "1".equals(env.get(TRAINING)));
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Returns the cache folder of one DuckDB version: {@code $XDG_CACHE_HOME/mixpanel-data/duckdb-VERSION},
     * with {@code ~/.cache} when {@code XDG_CACHE_HOME} is unset or relative (as the XDG spec says).
     *
     * @param env the environment
     * @param version DuckDB's version
     * @return the folder
     */
    static Path cacheDir(Map<String, String> env, String version) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base;
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            String home = env.get("HOME");
            base = Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache");
        }
        return base.resolve("mixpanel-data").resolve("duckdb-" + version);
    }

    /**
     * Makes sure the library is in the folder, copying it there once.
     *
     * @param resource the bundled library
     * @param size its size in bytes, -1 if unknown (then any cached file is taken as complete)
     * @param dir the cache folder
     * @return the cached file
     * @throws IOException when the folder cannot be written
     */
    static Path extract(URL resource, long size, Path dir) throws IOException {
        Path lib = dir.resolve(System.mapLibraryName(LIBRARY));
        if (Files.isRegularFile(lib) && (size < 0 || Files.size(lib) == size)) {
            return lib;
        }
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, "." + LIBRARY, ".part");
        try {
            try (InputStream in = resource.openStream()) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            part.toFile().setExecutable(true);
            // A process that has the old file mapped keeps it: rename replaces the name, not the inode.
            Files.move(part, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return lib;
    }

    private static Path extractToTemp(URL resource) throws IOException {
        Path tmp = Files.createTempFile("libduckdb_java", ".so");
        tmp.toFile().deleteOnExit();
        try (InputStream in = resource.openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    /**
     * Returns the resource name the driver looks for, e.g. {@code libduckdb_java.so_linux_amd64}; the same
     * rules as the driver's {@code DuckDBNative.nativeLibName()}.
     *
     * @return the name
     */
    static String driverResourceName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).trim();
        if (os.startsWith("windows")) {
            os = "windows";
        } else if (os.startsWith("mac")) {
            os = "osx";
        } else if (os.startsWith("linux")) {
            os = "linux";
        } else {
            os = os.replaceAll("[^a-z0-9_\\-.]", "");
        }
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT).trim();
        arch = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch.replaceAll("[^a-z0-9_\\-.]", "");
        };
        return "libduckdb_java.so_" + os + "_" + ("osx".equals(os) ? "universal" : arch);
    }

    /**
     * Loads {@code mp}'s classes from its jar, hiding the bundled library from the driver and pointing it at
     * the cached one instead.
     *
     * <p>Unless {@code keepFlightRecorder}, it also hides the Flight Recorder API ({@code jdk.jfr}) from
     * those classes. The driver registers a periodic JFR memory event whenever that API is present, and
     * starting JFR's metadata for it costs a short command about 80 ms; the driver skips the event when the
     * API is missing. Nothing else in {@code mp} uses JFR, and {@code MP_JFR=1} keeps the event for whoever
     * records {@code mp} with JFR.
     */
    static final class Loader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private static final String JFR_PACKAGE = "jdk.jfr.";

        private final Path library;
        private final boolean keepFlightRecorder;
        private final List<String> defined;

        Loader(URL jar, Path library, boolean keepFlightRecorder, boolean recordClasses) {
            super("mp", new URL[] {jar}, ClassLoader.getPlatformClassLoader());
            this.library = library;
            this.keepFlightRecorder = keepFlightRecorder;
            this.defined = recordClasses ? Collections.synchronizedList(new ArrayList<>()) : null;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> c = super.findClass(name);
            if (defined != null) {
                defined.add(name);
            }
            return c;
        }

        /**
         * Links (by initialising) every class this loader defined during the run. The launcher's training run
         * calls it on the way out: the JVM puts only linked classes in the start-up archive, and classes a run
         * merely loads (exception types named in catch clauses, the picocli types of unused subcommands) would
         * otherwise be read from the jar again on every start.
         */
        void linkDefined() {
            if (defined == null) {
                return;
            }
            List<String> names;
            synchronized (defined) {
                names = List.copyOf(defined);
            }
            for (String name : names) {
                try {
                    Class.forName(name, true, this);
                } catch (Throwable e) {
                    // Best effort: a class that cannot be initialised here is simply not archived.
                }
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!keepFlightRecorder && name.startsWith(JFR_PACKAGE)) {
                throw new ClassNotFoundException(name + " (hidden from mp's classes; MP_JFR=1 shows it)");
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL findResource(String name) {
            return name.startsWith("libduckdb_java.so_") ? null : super.findResource(name);
        }

        @Override
        protected String findLibrary(String name) {
            return LIBRARY.equals(name) ? library.toString() : super.findLibrary(name);
        }
    }
}
