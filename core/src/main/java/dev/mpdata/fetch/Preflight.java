package dev.mpdata.fetch;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import java.util.Map;

/**
 * Checks, before any byte is fetched, what the commit would refuse anyway: spending API quota on a fetch
 * whose table already exists is a waste. The commit checks again inside its transaction.
 */
final class Preflight {
    private Preflight() {}

    static void check(StorageEngine engine, String table, TableType type, WriteMode mode) {
        engine.attachedLake(table).ifPresent(dir -> {
            throw new MixpanelDataException(
                    ErrorCode.READ_ONLY,
                    "'" + table + "' is a view over the lake " + dir + "; fetch into the lake with --lake " + dir,
                    Map.of("table", table, "path", dir.toString()),
                    null);
        });
        TableType existing = engine.tableType(table).orElse(null);
        if (mode == WriteMode.CREATE && existing != null) {
            throw new TableExistsException(table);
        }
        if (mode == WriteMode.APPEND && existing == null) {
            throw new TableNotFoundException(table);
        }
        if (mode != WriteMode.CREATE && existing != null && existing != type) {
            throw new MixpanelDataException(
                    ErrorCode.TABLE_TYPE_MISMATCH,
                    "Table '" + table + "' holds " + existing.storedName() + ", not " + type.storedName(),
                    Map.of("table", table, "type", existing.storedName()),
                    null);
        }
        if (engine.isReadOnly()) {
            throw new MixpanelDataException(
                    ErrorCode.READ_ONLY,
                    "The database is open read-only; cannot write table '" + table + "'",
                    Map.of("table", table),
                    null);
        }
    }
}
