package io.fairtune.worker.node;

import io.fairtune.contract.plugin.PluginException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A node refused for its plugins directory says why in one line, instead of a bean-creation stack trace. */
class PluginFailureAnalyzer extends AbstractFailureAnalyzer<PluginException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PluginException cause) {
        return new FailureAnalysis(
                "Optimizer plugins: " + cause.getMessage(),
                "Fix or remove the plugin, or start without --fairtune.plugins-dir.",
                cause);
    }
}
