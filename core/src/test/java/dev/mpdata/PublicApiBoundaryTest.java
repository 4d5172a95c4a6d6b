package dev.mpdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the public/internal split: no public or protected member of a public type in the public packages
 * names a {@code dev.mpdata.internal} type, so a library user never has to touch (or can reach) the
 * implementation through the supported API.
 */
class PublicApiBoundaryTest {
    private static final List<String> PUBLIC_PACKAGES = List.of(
            "dev.mpdata",
            "dev.mpdata.storage",
            "dev.mpdata.fetch",
            "dev.mpdata.query",
            "dev.mpdata.sync",
            "dev.mpdata.lake",
            "dev.mpdata.config",
            "dev.mpdata.errors");

    @Test
    void noPublicSignatureNamesAnInternalType() throws Exception {
        List<Class<?>> types = publicTypes();
        // The scan must see the API, or it proves nothing.
        assertThat(types).contains(Workspace.class, dev.mpdata.fetch.Fetcher.class, dev.mpdata.sync.Syncer.class);

        List<String> leaks = new ArrayList<>();
        for (Class<?> c : types) {
            check(c.getGenericSuperclass(), c.getName() + " extends", leaks);
            for (Type t : c.getGenericInterfaces()) {
                check(t, c.getName() + " implements", leaks);
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k)) {
                    executable(k, c.getName() + ".<init>", leaks);
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m) && !m.isSynthetic()) {
                    check(m.getGenericReturnType(), c.getName() + "." + m.getName() + " returns", leaks);
                    executable(m, c.getName() + "." + m.getName(), leaks);
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f) && !f.isSynthetic()) {
                    check(f.getGenericType(), c.getName() + "." + f.getName(), leaks);
                }
            }
        }
        assertThat(leaks)
                .as("public signatures naming dev.mpdata.internal types")
                .isEmpty();
    }

    @Test
    void theCheckSeesAnInternalTypeInsideGenerics() throws Exception {
        List<String> leaks = new ArrayList<>();
        Method m = Sample.class.getDeclaredMethod("client", List.class);
        executable(m, "Sample.client", leaks);
        check(m.getGenericReturnType(), "Sample.client returns", leaks);
        assertThat(leaks).hasSize(2).allMatch(l -> l.contains("dev.mpdata.internal.MixpanelClient"));
    }

    /** A signature of the shape the check must catch: internal types inside type arguments and bounds. */
    interface Sample {
        java.util.function.Supplier<dev.mpdata.internal.MixpanelClient> client(
                List<? extends dev.mpdata.internal.MixpanelClient> clients);
    }

    private static boolean visible(Member m) {
        int mod = m.getModifiers();
        return Modifier.isPublic(mod) || Modifier.isProtected(mod);
    }

    private static void executable(Executable e, String where, List<String> leaks) {
        for (Type p : e.getGenericParameterTypes()) {
            check(p, where + " takes", leaks);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(x, where + " throws", leaks);
        }
    }

    private static void check(Type t, String where, List<String> leaks) {
        String found = internal(t, new HashSet<>());
        if (found != null) {
            leaks.add(where + " " + found);
        }
    }

    /** The first internal type named in {@code t}, or {@code null}. */
    private static String internal(Type t, Set<Type> seen) {
        if (t == null || !seen.add(t)) {
            return null;
        }
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            return c.getName().startsWith("dev.mpdata.internal.") ? c.getName() : null;
        }
        List<Type> parts = new ArrayList<>();
        if (t instanceof ParameterizedType p) {
            parts.add(p.getRawType());
            parts.add(p.getOwnerType());
            parts.addAll(List.of(p.getActualTypeArguments()));
        } else if (t instanceof WildcardType w) {
            parts.addAll(List.of(w.getUpperBounds()));
            parts.addAll(List.of(w.getLowerBounds()));
        } else if (t instanceof GenericArrayType a) {
            parts.add(a.getGenericComponentType());
        } else if (t instanceof TypeVariable<?> v) {
            parts.addAll(List.of(v.getBounds()));
        }
        for (Type part : parts) {
            String found = internal(part, seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Every public type (top-level or nested in a public type) of the public packages in core's classes. */
    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Workspace.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(root).isDirectory();
        List<Class<?>> out = new ArrayList<>();
        for (String pkg : PUBLIC_PACKAGES) {
            Path dir = root.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (!name.endsWith(".class") || name.equals("package-info.class")) {
                        continue;
                    }
                    Class<?> c = Class.forName(
                            pkg + "." + name.substring(0, name.length() - 6),
                            false,
                            PublicApiBoundaryTest.class.getClassLoader());
                    if (exported(c)) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    private static boolean exported(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }
}
