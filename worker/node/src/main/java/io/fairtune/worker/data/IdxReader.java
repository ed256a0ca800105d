package io.fairtune.worker.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the unsigned-byte IDX files of (Fashion-)MNIST, plain or gzipped (detected by content, not by file
 * name). Format: two zero bytes, a type code, the rank, one big-endian int32 per dimension, then the values in
 * row-major order.
 */
public final class IdxReader {

    static final int UNSIGNED_BYTE = 0x08;
    private static final int GZIP_MAGIC = 0x1f8b;

    private IdxReader() {}

    /**
     * The dimensions and raw values of one IDX file.
     *
     * @param values unsigned bytes (read with {@code & 0xff}), row-major; owned by the caller
     */
    public record IdxArray(int[] dimensions, byte[] values) {

        /** The number of entries along dimension 0 (examples). */
        public int count() {
            return dimensions[0];
        }

        /** The number of values per entry of dimension 0 (e.g. 784 for 28×28 images, 1 for labels). */
        public int valuesPerEntry() {
            int product = 1;
            for (int i = 1; i < dimensions.length; i++) {
                product *= dimensions[i];
            }
            return product;
        }
    }

    public static IdxArray read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int first = raw.read();
            int second = raw.read();
            raw.reset();
            boolean gzipped = ((first << 8) | second) == GZIP_MAGIC;
            try (DataInputStream in = new DataInputStream(gzipped ? new GZIPInputStream(raw, 1 << 16) : raw)) {
                return read(in, file);
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    private static IdxArray read(DataInputStream in, Path file) throws IOException {
        int zeros = in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int rank = in.readUnsignedByte();
        if (zeros != 0 || rank == 0) {
            throw new IllegalArgumentException("not an IDX file (bad magic number): " + file);
        }
        if (type != UNSIGNED_BYTE) {
            throw new IllegalArgumentException("IDX file " + file + " has element type 0x" + Integer.toHexString(type)
                    + "; only unsigned bytes (0x08) are supported");
        }
        int[] dimensions = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            dimensions[i] = in.readInt();
            if (dimensions[i] < 0) {
                throw new IllegalArgumentException("IDX file " + file + " has a negative dimension");
            }
            total *= dimensions[i];
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "IDX file " + file + " is too large: dimensions " + Arrays.toString(dimensions));
        }
        byte[] values = new byte[(int) total];
        in.readFully(values);
        if (in.read() != -1) {
            throw new IllegalArgumentException("IDX file " + file + " has data after its " + total
                    + " values (dimensions " + Arrays.toString(dimensions) + ")");
        }
        return new IdxArray(dimensions, values);
    }
}
