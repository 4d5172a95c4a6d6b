package dev.mpdata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ConfigException;
import dev.mpdata.errors.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final String SECRET = "top-SECRET-\"quoted\"\\back\tslash";

    @TempDir
    Path tmp;

    private static Account account(String name) {
        return Account.builder(name)
                .username("sa." + name)
                .secret(SECRET + name)
                .projectId(1000 + name.length())
                .region(Region.EU)
                .build();
    }

    @Test
    void defaultPathIsUnderHomeUnlessMpConfigPathMovesIt() {
        assertThat(ConfigFile.defaultPath(Settings.of(Map.of())))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".mp", "config.toml"));
        assertThat(ConfigFile.defaultPath(Settings.of(Map.of("MP_CONFIG_PATH", "/x/y.toml"))))
                .isEqualTo(Path.of("/x/y.toml"));
        assertThat(ConfigFile.defaultPath(Settings.of(Map.of("MP_CONFIG_PATH", "  ")))
                        .getFileName()
                        .toString())
                .isEqualTo("config.toml");
        Path p = tmp.resolve("c.toml");
        assertThat(ConfigFile.loadDefault(Settings.of(Map.of("MP_CONFIG_PATH", p.toString())))
                        .path())
                .isEqualTo(p);
        assertThat(ConfigFile.loadDefault(Map.of("MP_CONFIG_PATH", p.toString()))
                        .path())
                .isEqualTo(p);
    }

    @Test
    void homeAndTildeFollowTheHomeVariable() {
        assertThat(ConfigFile.defaultPath(Settings.of(Map.of("HOME", "/some/dir"))))
                .isEqualTo(Path.of("/some/dir", ".mp", "config.toml"));
        assertThat(ConfigFile.defaultPath(Settings.of(Map.of("HOME", "/some/dir", "MP_CONFIG_PATH", "~/mp.toml"))))
                .isEqualTo(Path.of("/some/dir", "mp.toml"));
    }

    @Test
    void missingFileIsAnEmptyConfig() {
        ConfigFile cfg = ConfigFile.load(tmp.resolve("nope.toml"));
        assertThat(cfg.accounts()).isEmpty();
        assertThat(cfg.defaultAccount()).isEmpty();
        assertThat(cfg.defaultAccountName()).isEmpty();
    }

    @Test
    void firstAccountBecomesDefaultAndSaveRoundTrips() {
        Path p = tmp.resolve("sub/dir/config.toml");
        ConfigFile cfg = ConfigFile.load(p);
        cfg.add(account("prod"));
        cfg.add(Account.builder("dev.eu-2")
                .secret("legacy")
                .projectId(7)
                .region(Region.IN)
                .apiUrl("http://127.0.0.1:9/")
                .exportUrl("https://export.example")
                .build());
        assertThat(cfg.defaultAccountName()).contains("prod");
        cfg.save();

        ConfigFile back = ConfigFile.load(p);
        assertThat(back.accounts()).containsExactly(account("prod"), cfg.require("dev.eu-2"));
        assertThat(back.defaultAccount()).contains(account("prod"));
        assertThat(back.require("prod").secret()).isEqualTo(SECRET + "prod");
        assertThat(back.require("dev.eu-2").isLegacySecret()).isTrue();
        assertThat(back.require("dev.eu-2").apiUrl()).isEqualTo("http://127.0.0.1:9/");
        assertThat(back.accountNames()).containsExactly("prod", "dev.eu-2");
    }

    @Test
    void savedFileIsPrivateInAPrivateFolder() throws IOException {
        Path p = tmp.resolve("newdir/config.toml");
        ConfigFile cfg = ConfigFile.load(p);
        cfg.add(account("prod"));
        cfg.save();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p.getParent())))
                .isEqualTo("rwx------");
        // Saving again over an existing file keeps it private.
        cfg.add(account("other"));
        cfg.save();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                .isEqualTo("rw-------");
    }

    @Test
    void saveReplacesTheFileAtomicallyAndLeavesNoTempFiles() throws IOException {
        Path p = tmp.resolve("config.toml");
        ConfigFile cfg = ConfigFile.load(p);
        cfg.add(account("prod"));
        cfg.save();
        // A hard link keeps pointing at the old file: a rename replaces the directory entry, whereas an
        // in-place rewrite would change what the link sees.
        Path link = tmp.resolve("old-link");
        Files.createLink(link, p);
        String before = Files.readString(link);
        cfg.add(account("second"));
        cfg.save();
        assertThat(Files.readString(link)).isEqualTo(before);
        assertThat(Files.readString(p)).contains("[accounts.second]");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("config.toml", "old-link");
        }
    }

    @Test
    void symlinkedConfigIsRefusedOnReadAndWrite() throws IOException {
        Path real = tmp.resolve("real.toml");
        Files.writeString(real, "default = \"x\"\n");
        Path link = tmp.resolve("config.toml");
        Files.createSymbolicLink(link, real);
        assertThatThrownBy(() -> ConfigFile.load(link))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("symbolic link")
                .hasMessageContaining(link.toString());

        Path p2 = tmp.resolve("c2.toml");
        ConfigFile cfg = ConfigFile.load(p2);
        cfg.add(account("prod"));
        Files.createSymbolicLink(p2, real);
        assertThatThrownBy(cfg::save).isInstanceOf(ConfigException.class).hasMessageContaining("symbolic link");
        assertThat(Files.readString(real)).isEqualTo("default = \"x\"\n");
    }

    @Test
    void malformedTomlNamesThePathAndLineButNoSecret() throws IOException {
        Path p = tmp.resolve("config.toml");
        Files.writeString(p, "default = \"prod\"\n[accounts.prod]\nsecret = hunter2-unquoted\n");
        assertThatThrownBy(() -> ConfigFile.load(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContaining("line 3")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("hunter2");
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void structurallyWrongFilesNameTheProblem() throws IOException {
        Path p = tmp.resolve("config.toml");
        Files.writeString(p, "[accounts.prod]\nusername = \"u\"\nsecret = \"s\"\n");
        assertThatThrownBy(() -> ConfigFile.load(p)).hasMessageContaining("has no project_id");
        Files.writeString(p, "[accounts.prod]\nsecret = \"s\"\nproject_id = \"abc\"\n");
        assertThatThrownBy(() -> ConfigFile.load(p)).hasMessageContaining("project_id must be a number");
        Files.writeString(p, "[accounts.prod]\nsecret = \"s\"\nproject_id = 5\nregion = \"mars\"\n");
        assertThatThrownBy(() -> ConfigFile.load(p))
                .hasMessageContaining("Malformed config file " + p)
                .hasMessageContaining("'mars'");
        Files.writeString(p, "default = 3\n");
        assertThatThrownBy(() -> ConfigFile.load(p)).hasMessageContaining("'default' must be a string");
        Files.writeString(p, "accounts = 3\n");
        assertThatThrownBy(() -> ConfigFile.load(p)).hasMessageContaining("'accounts' must be a table");
        Files.writeString(p, "[accounts.prod]\nsecret = 5\nproject_id = 5\n");
        assertThatThrownBy(() -> ConfigFile.load(p)).hasMessageContaining("secret must be a string");
    }

    @Test
    void handWrittenFileWithStringProjectIdAndNoRegionLoads() throws IOException {
        Path p = tmp.resolve("config.toml");
        Files.writeString(
                p,
                "# mine\ndefault = \"a\"\n[accounts.a]\nusername = \"u\"\nsecret = \"s\"\nproject_id = \"77\"\n",
                StandardCharsets.UTF_8);
        Account a = ConfigFile.load(p).defaultAccount().orElseThrow();
        assertThat(a.projectId()).isEqualTo(77);
        assertThat(a.region()).isEqualTo(Region.US);
    }

    @Test
    void addRemoveAndSetDefault() {
        ConfigFile cfg = ConfigFile.load(tmp.resolve("c.toml"));
        cfg.add(account("a"));
        cfg.add(account("b"));
        cfg.add(account("c"));
        assertThatThrownBy(() -> cfg.add(account("b")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("already exists");
        cfg.setDefault("c");
        assertThat(cfg.defaultAccountName()).contains("c");
        cfg.remove("c");
        assertThat(cfg.defaultAccountName()).contains("a");
        cfg.remove("b");
        assertThat(cfg.defaultAccountName()).contains("a");
        cfg.replace(Account.builder("a").secret("new").projectId(9).build());
        assertThat(cfg.require("a").secret()).isEqualTo("new");
        cfg.remove("a");
        assertThat(cfg.defaultAccountName()).isEmpty();
        assertThat(cfg.accounts()).isEmpty();
    }

    @Test
    void unknownNamesRaiseAccountNotFound() {
        ConfigFile cfg = ConfigFile.load(tmp.resolve("c.toml"));
        cfg.add(account("a"));
        assertThatThrownBy(() -> cfg.setDefault("zzz"))
                .isInstanceOf(AccountNotFoundException.class)
                .hasMessageContaining("'zzz'")
                .hasMessageContaining("configured accounts: a")
                .satisfies(e -> {
                    AccountNotFoundException anf = (AccountNotFoundException) e;
                    assertThat(anf.code()).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
                    assertThat(anf.account()).isEqualTo("zzz");
                    assertThat(anf.knownAccounts()).containsExactly("a");
                });
        assertThatThrownBy(() -> cfg.remove("zzz")).isInstanceOf(AccountNotFoundException.class);
        assertThatThrownBy(() -> cfg.replace(account("zzz"))).isInstanceOf(AccountNotFoundException.class);
    }

    @Test
    void defaultNamingAMissingAccountFailsWhenUsed() throws IOException {
        Path p = tmp.resolve("config.toml");
        Files.writeString(p, "default = \"gone\"\n");
        ConfigFile cfg = ConfigFile.load(p);
        assertThat(cfg.defaultAccountName()).contains("gone");
        assertThatThrownBy(cfg::defaultAccount).isInstanceOf(AccountNotFoundException.class);
    }

    @Test
    void toStringNeverShowsSecrets() {
        ConfigFile cfg = ConfigFile.load(tmp.resolve("c.toml"));
        cfg.add(account("a"));
        assertThat(cfg.toString()).doesNotContain(SECRET).contains("a");
        assertThat(List.of(cfg.accounts().get(0)).toString()).doesNotContain(SECRET);
    }

    @Test
    void writeFailureIsAConfigException() throws IOException {
        Path blocker = tmp.resolve("file");
        ConfigFile cfg = ConfigFile.load(blocker.resolve("config.toml"));
        cfg.add(account("a"));
        Files.writeString(blocker, "x");
        assertThatThrownBy(cfg::save)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Cannot write config file")
                .message()
                .doesNotContain(SECRET);
    }
}
