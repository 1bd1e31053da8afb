package io.github.telegrammcp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import jakarta.persistence.PersistenceException;

import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A database host that changes hands is told from a full disk. The failures are the real ones: produced by H2 and the
 * PostgreSQL driver in the situations they stand for (a server that went away, a file still locked by its host, a lock
 * held past the timeout, a refused connection), and for the full disk H2's own conversion of the operating system's
 * ENOSPC error (a disk cannot be filled safely in a unit test; {@code StateDirectoryIT} fills a small one).
 */
class StoreProblemsTest {

    @TempDir
    Path stateDir;

    @Test
    void aConnectionToAHostThatEndedIsAHostChange() throws Exception {
        Server host = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        SQLException broken;
        try (Connection c = DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + host.getPort()
                + "/mem:ended", "sa", "")) {
            host.stop();
            broken = catchThrowableOfType(SQLException.class, () -> c.createStatement().execute("SELECT 1"));
        }
        assertHostChange(broken, ErrorCode.CONNECTION_BROKEN_1);
    }

    @Test
    void aHostThatCannotBeReachedIsAHostChange() throws Exception {
        assertHostChange(refused("jdbc:h2:tcp://127.0.0.1:%d/mem:gone"), ErrorCode.CONNECTION_BROKEN_1);
    }

    @Test
    void aDatabaseFileStillHeldByItsHostIsAHostChange() throws Exception {
        Path file = stateDir.resolve("held");
        try (MVStore held = new MVStore.Builder().fileName(file + ".mv.db").open()) {
            SQLException inUse = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:h2:file:" + file, "sa", "").close());
            assertThat(inUse.getMessage()).contains("Database may be already in use");
            assertHostChange(inUse, ErrorCode.DATABASE_ALREADY_OPEN_1);
        }
    }

    @Test
    void aLockTimeoutIsAHostChange() throws Exception {
        String url = "jdbc:h2:mem:locks;DB_CLOSE_DELAY=-1";
        try (Connection holder = DriverManager.getConnection(url, "sa", "");
                Connection other = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = holder.createStatement()) {
                s.execute("CREATE TABLE t(id INT PRIMARY KEY, v INT)");
                s.execute("INSERT INTO t VALUES (1, 0)");
            }
            holder.setAutoCommit(false);
            holder.createStatement().execute("UPDATE t SET v = 1 WHERE id = 1");
            other.createStatement().execute("SET LOCK_TIMEOUT 100");
            SQLException timeout = catchThrowableOfType(SQLException.class,
                    () -> other.createStatement().execute("UPDATE t SET v = 2 WHERE id = 1"));
            holder.rollback();
            assertHostChange(timeout, ErrorCode.LOCK_TIMEOUT_1);
        }
    }

    @Test
    void aPostgresqlServerThatCannotBeReachedIsAHostChangeThere() throws Exception {
        SQLException refused = refused("jdbc:postgresql://127.0.0.1:%d/state?connectTimeout=5");
        assertThat(refused.getSQLState()).as(refused.toString()).startsWith("08");

        StoreProblem problem = new StoreProblems(stateDir, true).explain(new PersistenceException("could not connect",
                refused));
        assertThat(problem.kind()).isEqualTo(StoreProblem.Kind.HOST_CHANGE);
        assertThat(problem.what()).contains("PostgreSQL database cannot be reached");
        assertThat(problem.sentence()).contains("same call again").doesNotContainIgnoringCase("disk");
    }

    @Test
    void noSpaceLeftOnDeviceIsADiskProblem() {
        SQLException full = noSpaceLeft().getSQLException();

        StoreProblem problem = new StoreProblems(stateDir, false).explain(new PersistenceException("commit failed",
                full));

        assertThat(problem.kind()).as(full.toString()).isEqualTo(StoreProblem.Kind.DISK);
        assertThat(problem.what()).contains("disk").contains(stateDir.toString()).contains("ran out of space");
        assertThat(problem.advice()).startsWith("Free some space on that disk");
    }

    @Test
    void aDiskFullAfterWhichH2ClosedItsDatabaseIsStillADiskProblem() {
        // H2 closes the database after a failed write: the disk reason among the causes wins over "closed".
        SQLException closed = DbException.get(ErrorCode.DATABASE_IS_CLOSED, noSpaceLeft()).getSQLException();

        assertThat(StoreProblems.kindOf(closed)).isEqualTo(StoreProblem.Kind.DISK);
        assertThat(StoreProblems.kindOf(DbException.get(ErrorCode.DATABASE_IS_CLOSED).getSQLException()))
                .isEqualTo(StoreProblem.Kind.HOST_CHANGE);
    }

    @Test
    void postgresqlsDiskFullPointsAtTheDatabaseServersDisk() {
        // As the driver builds it from the server's error message: SQL state 53100 (disk_full) and PostgreSQL's text.
        SQLException full = new PSQLException(new ServerErrorMessage("SERROR\u0000C53100\u0000Mcould not extend file"
                + " \"base/16384/16385\": No space left on device\u0000"));
        assertThat(full.getSQLState()).isEqualTo(StoreProblems.PG_DISK_FULL);

        StoreProblem problem = new StoreProblems(stateDir, true).explain(new PersistenceException("insert", full));

        assertThat(problem.kind()).isEqualTo(StoreProblem.Kind.DISK);
        assertThat(problem.what()).contains("PostgreSQL server's disk");
        assertThat(problem.advice()).contains("database server's disk");
    }

    @Test
    void aFailureOfAnotherKindNeitherBlamesTheDiskNorPromisesItPasses() throws Exception {
        SQLException syntax;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:other", "sa", "")) {
            syntax = catchThrowableOfType(SQLException.class, () -> c.createStatement().execute("SELEC 1"));
        }

        StoreProblem problem = new StoreProblems(stateDir, false).explain(new PersistenceException("query", syntax));

        assertThat(problem.kind()).isEqualTo(StoreProblem.Kind.OTHER);
        assertThat(problem.kind().passes()).isFalse();
        assertThat(problem.what()).contains("failed").contains(stateDir.toString());
        assertThat(problem.advice()).doesNotContainIgnoringCase("disk").contains(stateDir.resolve("logs").toString());
    }

    @Test
    void aStateDirectoryThatCannotBeWrittenIsADiskProblemWhateverTheFailureSays() throws Exception {
        Path notADirectory = Files.writeString(stateDir.resolve("file"), "x");
        SQLException broken = DbException.get(ErrorCode.CONNECTION_BROKEN_1, "test").getSQLException();

        StoreProblem problem = new StoreProblems(notADirectory, false).explain(new PersistenceException(broken));

        assertThat(problem.kind()).isEqualTo(StoreProblem.Kind.DISK);
        assertThat(problem.what()).contains(notADirectory.toString());
        assertThat(problem.advice()).startsWith("Free some space on that disk");
    }

    @Test
    void aStoreThatDidNotAnswerIsToBeAskedAgain() {
        StoreProblem problem = new StoreProblems(stateDir, false).explainUnanswered();

        assertThat(problem.kind()).isEqualTo(StoreProblem.Kind.UNANSWERED);
        assertThat(problem.what()).contains("did not answer in time").contains("changing hands");
        assertThat(problem.sentence()).contains("stay queued").doesNotContainIgnoringCase("disk");
    }

    @Test
    void aSessionThatCouldNotOpenTheStoreAtStartUpIsToldWhy() {
        SQLException broken = DbException.get(ErrorCode.CONNECTION_BROKEN_1, "java.net.ConnectException: Connection"
                + " refused").getSQLException();
        SQLException full = noSpaceLeft().getSQLException();

        assertThat(StoreProblems.atStartUp(new PersistenceException(broken), stateDir, Duration.ofSeconds(60)))
                .contains("changing hands").contains("60 s").contains("restart the assistant")
                .doesNotContainIgnoringCase("disk");
        assertThat(StoreProblems.atStartUp(new PersistenceException(full), stateDir, Duration.ofSeconds(60)))
                .contains("disk").contains("free some space");
        assertThat(StoreProblems.atStartUp(new IllegalStateException("schema"), stateDir, Duration.ofSeconds(60)))
                .doesNotContainIgnoringCase("disk").contains(stateDir.resolve("logs").toString());
    }

    /** {@code failure} is H2's error {@code code}, and counts as a host change however the callers see it. */
    private void assertHostChange(SQLException failure, int code) {
        assertThat(failure.getErrorCode()).as(failure.toString()).isEqualTo(code);
        // As the callers see it: wrapped by Hibernate or the transaction manager.
        StoreProblem problem = new StoreProblems(stateDir, false).explain(new PersistenceException("could not execute",
                failure));
        assertThat(problem.kind()).as(failure.toString()).isEqualTo(StoreProblem.Kind.HOST_CHANGE);
        assertThat(problem.kind().passes()).isTrue();
        assertThat(problem.what()).contains("is changing hands").contains(stateDir.toString());
        assertThat(problem.advice()).contains("stay queued").contains("same call again");
        assertThat(problem.sentence()).doesNotContainIgnoringCase("disk").doesNotContain("Free some space");
    }

    /**
     * What H2 makes of a write of its file that the operating system refused with ENOSPC, whose text the JDK gives as
     * "No space left on device": its store's write failure, converted as the database converts it.
     */
    private static DbException noSpaceLeft() {
        return DbException.convert(DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED,
                "Writing to {0} failed; length {1} at {2}", "state.mv.db", 4096, 8192,
                new IOException("No space left on device")));
    }

    /** What the driver answers for {@code url} with, at its {@code %d}, a port on which nothing listens. */
    private static SQLException refused(String url) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        return catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url.formatted(closed), "u",
                "p"));
    }
}
