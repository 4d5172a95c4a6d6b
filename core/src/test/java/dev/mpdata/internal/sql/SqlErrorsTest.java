package dev.mpdata.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.errors.DatabaseLockedException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.StorageException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * DuckDB's messages for a full temporary folder, a full database disk, a held lock and too little memory
 * each become their own error. The messages are DuckDB's own, as the tests that make each condition for
 * real (TempDiskFullTest, MemoryLimitTest, CrossProcessIT) see them.
 */
class SqlErrorsTest {
    static final Path DB = Path.of("/data/x.db");
    static final Path TEMP = Path.of("/data/x.db.tmp");

    private static MixpanelDataException translate(String message) {
        return SqlErrors.translate(new SQLException(message), "SELECT 1", DB, TEMP, "256MB");
    }

    @Test
    void noSpaceWritingTheTempFolderIsThatDiskFull() {
        MixpanelDataException e = translate("IO Error: Could not write file \"" + TEMP
                + "/duckdb_temp_block-1.block\": No space left on" + " device");
        assertThat(e).isInstanceOf(StorageException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.DISK_FULL);
        assertThat(e.getMessage()).startsWith("The disk holding the temporary folder " + TEMP);
        assertThat(e.details()).containsEntry("temp_dir", TEMP.toString()).containsEntry("sql", "SELECT 1");
    }

    @Test
    void noSpaceElsewhereIsTheDatabasesDisk() {
        MixpanelDataException e =
                translate("IO Error: Could not write to file \"/data/x.db\": No space left on device");
        assertThat(e.code()).isEqualTo(ErrorCode.DISK_FULL);
        assertThat(e.getMessage()).startsWith("The disk is full (database " + DB + ")");
        assertThat(SqlErrors.translate(new SQLException("disk full"), null, null)
                        .getMessage())
                .startsWith("The disk is full;");
    }

    @Test
    void outOfMemoryNamesTheLimitAndOffloadFailuresDoNot() {
        MixpanelDataException oom = translate("Out of Memory Error: failed to allocate data of size 32.0 MiB (1/2 used)"
                + "\n\nPossible solutions: ...");
        assertThat(oom).isInstanceOf(QueryException.class);
        assertThat(oom.getMessage())
                .startsWith("DuckDB ran out of memory within its limit of 256MB")
                .endsWith("failed to allocate data of size 32.0 MiB (1/2 used)");
        assertThat(SqlErrors.translate(new SQLException("Out of Memory Error: failed"), null, null, TEMP, null)
                        .getMessage())
                .startsWith("DuckDB ran out of memory within its limit (");
        assertThat(SqlErrors.outOfMemory("Out of Memory Error: failed to offload data block"))
                .isFalse();
        assertThat(SqlErrors.outOfMemory("Out of Memory Error: ... max_temp_directory_size ..."))
                .isFalse();
        assertThat(SqlErrors.outOfMemory("Out of Memory Error: No space left on device"))
                .isFalse();
        assertThat(SqlErrors.outOfMemory(null)).isFalse();
        // Without a known temp folder an offload failure is still not called a memory problem.
        assertThat(SqlErrors.translate(new SQLException("Out of Memory Error: failed to offload"), null, DB)
                        .getMessage())
                .doesNotContain("ran out of memory");
    }

    @Test
    void locksNameTheHolderWhenDuckDbDoes() {
        MixpanelDataException e = translate("IO Error: Could not set lock on file \"/data/x.db\": Conflicting lock is"
                + " held in /usr/bin/java (PID 4242) by user ann");
        assertThat(e).isInstanceOf(DatabaseLockedException.class);
        assertThat(((DatabaseLockedException) e).holderPid()).hasValue(4242L);
        assertThat(SqlErrors.locked(DB, true, new SQLException("Could not set lock"))
                        .holderPid())
                .isEmpty();
    }

    @Test
    void anythingElseIsAQueryError() {
        MixpanelDataException e = SqlErrors.translate(new SQLException((String) null), "SELEC", DB);
        assertThat(e).isInstanceOf(QueryException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
    }
}
