package dev.mpdata.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.StorageOpener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets others can read are warned about; what the product writes is its user's alone. */
class ConfigHygieneTest {
    @TempDir
    Path dir;

    private static final String CONFIG =
            "default = \"prod\"\n\n[accounts.prod]\nusername = \"sa\"\nsecret = \"s3cr3t\"\n"
                    + "project_id = 42\nregion = \"us\"\n";

    @Test
    void aConfigFileWithSecretsOthersCanReadGetsAWarningNamingTheFix() throws Exception {
        Path f = Files.writeString(dir.resolve("config.toml"), CONFIG);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigFile cfg = ConfigFile.load(f);
        assertThat(cfg.accounts()).hasSize(1);
        assertThat(cfg.warnings())
                .singleElement()
                .asString()
                .contains(f.toString())
                .contains("chmod 600 " + f)
                .doesNotContain("s3cr3t");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertThat(ConfigFile.load(f).warnings()).isEmpty();
    }

    @Test
    void savedConfigIs0600InA0700FolderAndSoAreNewDatabases() throws Exception {
        Path f = dir.resolve("new/config.toml");
        ConfigFile cfg = ConfigFile.load(f);
        cfg.add(Account.builder("prod").username("sa").secret("x").projectId(1).build());
        cfg.save();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())))
                .isEqualTo("rwx------");
        assertThat(ConfigFile.load(f).warnings()).isEmpty();

        Path db = dir.resolve("data/sub/x.db");
        try (StorageEngine e =
                StorageOpener.of(Settings.of(Map.of("HOME", dir.toString()))).open(db)) {
            assertThat(e.tableExists("nothing")).isFalse();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db.getParent())))
                .isEqualTo("rwx------");
    }
}
