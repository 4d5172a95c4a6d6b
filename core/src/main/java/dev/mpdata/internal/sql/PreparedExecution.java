package dev.mpdata.internal.sql;

import dev.mpdata.errors.QueryException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Runs parameterised SQL on a {@link Database} and hands back its result set, read-only databases checked
 * against the {@link SqlBoundary} first; {@link Database#execute} is the entry point.
 */
final class PreparedExecution {
    private PreparedExecution() {}

    static ResultSet execute(Database db, String sql, Object... params) {
        db.checkOpen();
        PreparedStatement ps = null;
        if (db.readOnly()) {
            SqlBoundary.checkText(sql, db.sandbox());
        }
        try {
            ps = db.conn().prepareStatement(sql);
            if (db.readOnly()) {
                SqlBoundary.checkPrepared(sql, ps, db.sandbox());
            }
            bind(ps, params);
            if (ps.execute()) {
                ps.closeOnCompletion();
                return ps.getResultSet();
            }
            long changed = Math.max(0, ps.getLargeUpdateCount());
            ps.close();
            ps = db.conn().prepareStatement("SELECT CAST(? AS BIGINT) AS count");
            ps.setLong(1, changed);
            ResultSet rs = ps.executeQuery();
            ps.closeOnCompletion();
            return rs;
        } catch (SQLException e) {
            closeStatement(ps);
            QueryException refused = db.readOnly() ? SqlBoundary.fromDuckDb(sql, e, db.sandbox()) : null;
            throw refused != null ? refused : db.translate(e, sql);
        } catch (RuntimeException e) {
            closeStatement(ps);
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        if (params == null) {
            return;
        }
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant inst) {
                p = LocalDateTime.ofInstant(inst, ZoneOffset.UTC);
            }
            ps.setObject(i + 1, p);
        }
    }

    private static void closeStatement(Statement st) {
        if (st != null) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // Already failing; report the original error.
            }
        }
    }
}
