package io.fairtune.worker.external;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keeps the last bytes a program writes to stderr (what explains a crash), reading on a thread of its own. */
final class StderrTail {

    private final byte[] ring;
    private long written;
    private final Thread reader;

    private StderrTail(InputStream in, int bytes, String name) {
        this.ring = new byte[bytes];
        this.reader = new Thread(() -> drain(in), "trainer-" + name + "-stderr");
        this.reader.setDaemon(true);
    }

    static StderrTail start(InputStream in, int bytes, String name) {
        StderrTail tail = new StderrTail(in, bytes, name);
        tail.reader.start();
        return tail;
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // the process is gone: what was read is the tail
        }
    }

    private synchronized void append(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (written++ % ring.length)] = buffer[i];
        }
    }

    /** The tail, once the program closed stderr or {@code millis} passed (a grandchild may hold it open). */
    String awaitText(long millis) {
        try {
            reader.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text();
    }

    synchronized String text() {
        if (written <= ring.length) {
            return new String(ring, 0, (int) written, StandardCharsets.UTF_8);
        }
        int from = (int) (written % ring.length);
        byte[] ordered = new byte[ring.length];
        System.arraycopy(ring, from, ordered, 0, ring.length - from);
        System.arraycopy(ring, 0, ordered, ring.length - from, from);
        // The cut may fall inside a character: drop the partial line.
        int newline = indexOf(ordered, (byte) '\n');
        return new String(Arrays.copyOfRange(ordered, newline + 1, ordered.length), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
