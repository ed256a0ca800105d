package io.fairtune.service.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A database a run deletes at its end may skip waiting for the disk on commit, and only such a database. */
class EmbeddedPostgresServersTest {

    @Test
    void aThrowawayDatabaseCommitsWithoutWaitingForItsWalYetStaysCrashConsistent() throws SQLException {
        // Under target/, not a JUnit temporary directory: the postmaster stops only when this JVM exits.
        Path directory = Path.of("target", "embedded-postgres-" + UUID.randomUUID());
        EmbeddedPostgresServers.Server server = EmbeddedPostgresServers.start(directory, 0, false, message -> {});
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", "")) {
            assertThat(setting(connection, "synchronous_commit")).isEqualTo("off");
            assertThat(setting(connection, "fsync")).isEqualTo("on");
            assertThat(setting(connection, "full_page_writes")).isEqualTo("on");
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
