package io.fairtune.service.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A postmaster that outlived the service that started it (kill -9, a crashed JVM) keeps the data directory and,
 * on a fixed port, would be silently reused by the next start. Before the embedded PostgreSQL starts, such a
 * leftover is stopped: cleanly first (SIGTERM, a smart shutdown that its dead clients do not hold up), then by
 * force. A postmaster whose service is still alive is never touched: that service holds zonky's lock file.
 */
public final class LeftoverPostmaster {

    private static final String LOCK_FILE = "epg-lock";

    private LeftoverPostmaster() {}

    /**
     * Stops the postmaster running in {@code dataDir} if no live service owns the directory.
     *
     * @param log told what is being stopped (the caller's logger: this may run before logging is set up)
     * @throws IllegalStateException when another running service owns the directory
     */
    public static void stopIfOrphaned(Path dataDir, Consumer<String> log) {
        Optional<ProcessHandle> postmaster = running(dataDir);
        if (postmaster.isEmpty()) {
            return;
        }
        try (FileChannel channel =
                FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new IllegalStateException("the embedded PostgreSQL in " + dataDir
                        + " belongs to another running Fairtune service (pid "
                        + postmaster.get().pid()
                        + "'s owner); stop it or choose another --fairtune.data-dir");
            }
            try {
                log.accept("Stopping the embedded PostgreSQL (pid "
                        + postmaster.get().pid() + ") that a previous run left running in " + dataDir);
                stop(postmaster.get(), dataDir, log);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + dataDir.resolve(LOCK_FILE), e);
        }
    }

    /** The live postmaster named by {@code postmaster.pid}, if the file names one. */
    static Optional<ProcessHandle> running(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // A stale file may name a pid the system has since given to another program.
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this JVM's own embedded PostgreSQL
        }
    }

    private static void stop(ProcessHandle postmaster, Path dataDir, Consumer<String> log) {
        postmaster.destroy();
        if (await(postmaster, 30)) {
            return;
        }
        log.accept("PostgreSQL pid " + postmaster.pid() + " ignored SIGTERM for 30 s; killing it (it recovers from"
                + " its write-ahead log)");
        postmaster.destroyForcibly();
        if (!await(postmaster, 10)) {
            throw new IllegalStateException("cannot stop PostgreSQL pid " + postmaster.pid() + " in " + dataDir);
        }
    }

    private static boolean await(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
