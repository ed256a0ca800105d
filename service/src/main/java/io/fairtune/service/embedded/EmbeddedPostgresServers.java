package io.fairtune.service.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The embedded PostgreSQL servers of this JVM, one per data directory (test contexts in one JVM share it). The only
 * class that touches zonky, so a build without it (the schedule-only jar) never loads it.
 */
final class EmbeddedPostgresServers {

    private static final Map<Path, EmbeddedPostgres> RUNNING = new HashMap<>();

    private EmbeddedPostgresServers() {}

    /** Where a started server listens. */
    record Server(String jdbcUrl, int port) {}

    /**
     * @param durable false only for a database deleted when its run ends: commits then return before their WAL is
     *     flushed. PostgreSQL stays consistent after a crash; only the last fraction of a second of commits could be
     *     lost, and a crash loses such a run's directory anyway.
     */
    static synchronized Server start(Path directory, int port, boolean durable, Consumer<String> warn) {
        EmbeddedPostgres postgres = RUNNING.computeIfAbsent(directory, dir -> {
            try {
                Files.createDirectories(dir);
                LeftoverPostmaster.stopIfOrphaned(dir, warn);
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        // zonky starts the postmaster with -F (fsync off, made for throwaway test databases); a
                        // later -c wins, so committed results survive an OS crash.
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", durable ? "on" : "off")
                        .setServerConfig("max_connections", "200")
                        // A dead client must not hold Quartz's row lock forever (quartznet#3764).
                        .setServerConfig("idle_in_transaction_session_timeout", "300000");
                if (port > 0) {
                    builder.setPort(port);
                }
                return builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dir, e);
            }
        });
        return new Server(postgres.getJdbcUrl("postgres", "postgres"), postgres.getPort());
    }
}
