package dev.mpdata.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts child JVMs running a test's {@code main} class on the test class path, and kills those still alive
 * after each test, so that a failing test leaves no process holding a database lock.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ChildJvms children = new ChildJvms(StorageChild.class);
 *
 * Process holder = children.start("hold", db.toString());
 * }</pre>
 */
public final class ChildJvms implements AfterEachCallback {
    private final Class<?> main;
    private final List<Process> children = new ArrayList<>();

    /**
     * Creates the launcher.
     *
     * @param main the class whose {@code main} each child runs
     */
    public ChildJvms(Class<?> main) {
        this.main = main;
    }

    /**
     * Starts a child with a small heap; its stderr goes to the test's.
     *
     * @param args the arguments of {@code main}
     * @return the running child, killed after the test
     * @throws IOException when it cannot start
     */
    public Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        children.add(p);
        return p;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        children.forEach(Process::destroyForcibly);
        children.clear();
    }
}
