package io.fairtune.service.cli;

import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.contract.plugin.PluginException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --plugins-dir DIR}: the optimizer plugins a spec may name, as the service's own option installs them. */
final class PluginsOption {

    @Option(
            names = "--plugins-dir",
            paramLabel = "DIR",
            description = "optimizer plugins: validate against the jars in DIR, as a service started with"
                    + " --fairtune.plugins-dir=DIR does")
    Path dir;

    /** The built-ins and the plugins of {@code --plugins-dir}; a directory that cannot be used is a usage error. */
    OptimizerRegistry registry() {
        try {
            return OptimizerRegistry.load(dir == null ? null : dir.toString());
        } catch (PluginException e) {
            throw new CliFailure(ExitCodes.USAGE, "--plugins-dir: " + e.getMessage());
        }
    }
}
