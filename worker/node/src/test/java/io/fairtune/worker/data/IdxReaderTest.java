package io.fairtune.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path directory;

    /** Three 2×3 "images" with values 0..17, the last one 255 to check that bytes are read unsigned. */
    private static byte[] images() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(0);
        out.writeByte(IdxReader.UNSIGNED_BYTE);
        out.writeByte(3);
        out.writeInt(3);
        out.writeInt(2);
        out.writeInt(3);
        for (int i = 0; i < 17; i++) {
            out.writeByte(i);
        }
        out.writeByte(255);
        return bytes.toByteArray();
    }

    @Test
    void readsPlainFiles() throws IOException {
        Path file = Files.write(directory.resolve("images-idx3-ubyte"), images());

        IdxReader.IdxArray array = IdxReader.read(file);

        assertThat(array.dimensions()).containsExactly(3, 2, 3);
        assertThat(array.count()).isEqualTo(3);
        assertThat(array.valuesPerEntry()).isEqualTo(6);
        assertThat(array.values()).hasSize(18);
        assertThat(array.values()[5]).isEqualTo((byte) 5);
        assertThat(array.values()[17] & 0xff).isEqualTo(255);
    }

    @Test
    void readsGzippedFilesWhateverTheirName() throws IOException {
        Path plain = Files.write(directory.resolve("plain"), images());
        Path gzipped = directory.resolve("images-idx3-ubyte");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(images());
        }

        IdxReader.IdxArray fromGzip = IdxReader.read(gzipped);

        assertThat(fromGzip.dimensions()).isEqualTo(IdxReader.read(plain).dimensions());
        assertThat(fromGzip.values()).isEqualTo(IdxReader.read(plain).values());
    }

    @Test
    void rejectsABadMagicNumber() throws IOException {
        byte[] bytes = images();
        bytes[0] = 1;
        Path file = Files.write(directory.resolve("bad"), bytes);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> IdxReader.read(file))
                .withMessageContaining("bad magic number")
                .withMessageContaining(file.toString());
    }

    @Test
    void rejectsTypesOtherThanUnsignedBytes() throws IOException {
        byte[] bytes = images();
        bytes[2] = 0x0D;
        Path file = Files.write(directory.resolve("floats"), bytes);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> IdxReader.read(file))
                .withMessageContaining("0xd")
                .withMessageContaining("only unsigned bytes");
    }

    @Test
    void rejectsTruncatedAndOverlongFiles() throws IOException {
        byte[] bytes = images();
        Path truncated = Files.write(directory.resolve("truncated"), Arrays.copyOf(bytes, bytes.length - 1));
        Path overlong = Files.write(directory.resolve("overlong"), Arrays.copyOf(bytes, bytes.length + 1));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> IdxReader.read(truncated))
                .withMessageContaining("truncated");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IdxReader.read(overlong))
                .withMessageContaining("data after its 18 values");
    }
}
