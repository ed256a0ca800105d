package io.fairtune.worker.external;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A program's stdout as lines, read on a thread of its own so the run can wait for the next line and still stop on
 * time. A line longer than {@link #MAX_LINE} is an error, not a reason to run out of memory.
 */
final class StdoutLines {

    static final int MAX_LINE = 64 * 1024;

    /** A line (numbered from 1), the end of the output, or why reading failed. */
    record Next(String line, int number, boolean end, String error) {}

    private final BlockingQueue<Next> queue = new LinkedBlockingQueue<>(1_000);

    static StdoutLines start(InputStream in, String name) {
        StdoutLines lines = new StdoutLines();
        Thread reader = new Thread(() -> lines.read(in), "trainer-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private void read(InputStream in) {
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            int number = 0;
            int c;
            while ((c = reader.read()) >= 0) {
                if (c == '\n') {
                    number++;
                    if (!line.toString().isBlank()) {
                        put(new Next(line.toString(), number, false, null));
                    }
                    line.setLength(0);
                } else if (line.length() >= MAX_LINE) {
                    put(new Next(
                            null, number + 1, false, "wrote a stdout line longer than " + MAX_LINE + " characters"));
                    return;
                } else {
                    line.append((char) c);
                }
            }
            if (!line.toString().isBlank()) {
                put(new Next(line.toString(), number + 1, false, null));
            }
            put(new Next(null, number, true, null));
        } catch (IOException e) {
            put(new Next(null, 0, true, null));
        }
    }

    private void put(Next next) {
        try {
            queue.put(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next line, or null when none came within {@code millis}. */
    Next next(long millis) {
        try {
            return queue.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
