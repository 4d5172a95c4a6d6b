package dev.mpdata.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code java} block of the README against the library, so that a newcomer who copies one
 * gets code that builds. A block's leading {@code import} lines become the file's imports; the rest is the
 * body of a method that may throw.
 */
class ReadmeSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path out;

    @TestFactory
    List<DynamicTest> everyJavaBlockOfTheReadmeCompiles() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("java blocks in README.md").hasSizeGreaterThanOrEqualTo(4);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            String name = "Snippet" + (i + 1);
            tests.add(DynamicTest.dynamicTest(name + ": " + firstCodeLine(block), () -> compiles(name, block)));
        }
        return tests;
    }

    private void compiles(String name, String block) throws IOException {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        String source =
                imports + "\nclass " + name + " {\n    static void run() throws Exception {\n" + body + "    }\n}\n";
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavaFileObject unit =
                    new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return source;
                        }
                    };
            List<String> options =
                    List.of("-classpath", classPath(), "-d", out.toString(), "-proc:none", "-Xlint:none");
            StringWriter log = new StringWriter();
            boolean ok = javac.getTask(log, files, diagnostics, options, null, List.of(unit))
                    .call();
            assertThat(ok)
                    .as("README snippet %s does not compile:%n%s%n%s", name, source, diagnostics.getDiagnostics())
                    .isTrue();
        }
    }

    /** Surefire runs tests from a manifest-only jar, so the real test class path is in its own property. */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path", "") + File.pathSeparator;
    }

    private static String firstCodeLine(String block) {
        for (String line : block.split("\n")) {
            if (!line.isBlank() && !line.startsWith("import ") && !line.startsWith("//")) {
                return line.strip();
            }
        }
        return "";
    }
}
