package io.fairtune.worker.backend;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code fairtune-worker.jar backend}: loads ND4J as a trial would and prints which backend it loaded and the
 * devices it sees, one {@code key: value} per line, so a deployment (the GPU smoke script) can check that a CUDA
 * worker really runs on its GPUs before it takes trials.
 */
public final class BackendCommand {

    /** Exit code when ND4J cannot load a backend at all. */
    public static final int NO_BACKEND = 1;

    private BackendCommand() {}

    public static int run(PrintStream out, PrintStream err) {
        try {
            out.println("nd4j.backend: " + Nd4j.getBackend().getClass().getName());
            out.println("nd4j.devices: " + Nd4j.getAffinityManager().getNumberOfDevices());
            Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
            new TreeMap<>(environment).forEach((key, value) -> print(out, key.toString(), value));
            return 0;
        } catch (RuntimeException | LinkageError e) {
            err.println("ND4J loaded no backend: " + e);
            return NO_BACKEND;
        }
    }

    /** CUDA backends list their devices as maps; one line per device property keeps the output greppable. */
    private static void print(PrintStream out, String key, Object value) {
        if (value instanceof List<?> devices) {
            for (int i = 0; i < devices.size(); i++) {
                if (devices.get(i) instanceof Map<?, ?> device) {
                    int index = i;
                    new TreeMap<>(device).forEach((k, v) -> out.println(key + "." + index + "." + k + ": " + v));
                } else {
                    out.println(key + "." + i + ": " + devices.get(i));
                }
            }
        } else {
            out.println(key + ": " + value);
        }
    }
}
