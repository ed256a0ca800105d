package io.fairtune.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@code backend} reports on a CPU build: the GPU smoke script greps the same lines for the CUDA one. */
class BackendCommandTest {

    @Test
    void namesTheLoadedBackendAndItsDevices() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = BackendCommand.run(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(report)
                .startsWith("nd4j.backend: org.nd4j.linalg.cpu.nativecpu.CpuBackend\n")
                .contains("\nnd4j.devices: 1\n")
                .containsPattern("(?m)^cores: [1-9][0-9]*$");
    }
}
