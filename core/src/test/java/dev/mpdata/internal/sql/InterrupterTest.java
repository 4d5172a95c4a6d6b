package dev.mpdata.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The cancel protocol: tracked statements, the point of no return, and statements that misbehave. */
class InterrupterTest {
    /** A statement whose every call fails, as a broken driver's would. */
    private static Statement failing(AtomicBoolean closeCalled) {
        return (Statement) Proxy.newProxyInstance(
                InterrupterTest.class.getClassLoader(), new Class<?>[] {Statement.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "hashCode":
                            return System.identityHashCode(p);
                        case "equals":
                            return p == a[0];
                        case "toString":
                            return "failing statement";
                        default:
                            break;
                    }
                    if (m.getName().equals("close")) {
                        closeCalled.set(true);
                    }
                    throw new SQLException(m.getName() + " failed");
                });
    }

    @Test
    void aCancelDuringTheCommitLeavesItToFinishAndItsOutcomeIsKnown() throws SQLException {
        Interrupter i = new Interrupter();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = i.track(c.createStatement())) {
            i.enterCommit();
            assertThat(i.committing()).isTrue();
            assertThat(i.cancel()).as("the commit is left to finish").isFalse();
            assertThat(i.isCancelled()).isTrue();
            assertThat(st.execute("SELECT 1")).as("not interrupted").isTrue();
            i.exitCommit(true);
            assertThat(i.committing()).isFalse();
            assertThat(i.committed()).isTrue();
            assertThat(i.cancel()).isTrue();
        }
    }

    @Test
    void afterACancelNoStatementStartsAndNoCommitBegins() throws SQLException {
        Interrupter i = new Interrupter();
        i.exitCommit(false);
        assertThat(i.committed()).isFalse();
        i.check();
        assertThat(i.cancel()).isTrue();
        assertThatThrownBy(i::check)
                .satisfies(e -> assertThat(((MixpanelDataException) e).code()).isEqualTo(ErrorCode.INTERRUPTED));
        assertThatThrownBy(i::enterCommit).isInstanceOf(MixpanelDataException.class);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            Statement st = c.createStatement();
            assertThatThrownBy(() -> i.track(st)).hasMessageContaining("Cancelled");
            assertThat(st.isClosed()).as("closed when refused").isTrue();
        }
        AtomicBoolean closed = new AtomicBoolean();
        assertThatThrownBy(() -> i.track(failing(closed))).isInstanceOf(MixpanelDataException.class);
        assertThat(closed).as("closing was tried, and its failure ignored").isTrue();
    }

    @Test
    void statementsThatFailToAnswerAreTreatedAsFinished() throws SQLException {
        Interrupter i = new Interrupter();
        AtomicBoolean closed = new AtomicBoolean();
        Statement broken = failing(closed);
        i.track(broken);
        // isClosed and cancel both throw: the cancel goes on, and the next track forgets the statement.
        assertThat(i.cancel()).isTrue();
        Interrupter other = new Interrupter();
        other.track(broken);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            Statement st = other.track(c.createStatement());
            st.close();
            assertThat(other.cancel()).isTrue();
        }
    }
}
