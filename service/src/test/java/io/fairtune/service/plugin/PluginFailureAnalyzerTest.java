package io.fairtune.service.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A plugins directory the service cannot use stops its start with the reason on one line. */
class PluginFailureAnalyzerTest {

    @Test
    void anUnreadableDirectoryStopsTheStartWithAOneLineReason() {
        Throwable thrown = catchThrowable(() -> new OptimizerPlugins().optimizerRegistry("target/no-such-plugins"));
        BeanCreationException startFailure =
                new BeanCreationException("optimizerRegistry", "Failed to instantiate", thrown);

        FailureAnalysis analysis = new PluginFailureAnalyzer().analyze(startFailure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .matches("Optimizer plugins: plugins directory .*no-such-plugins is not a readable directory");
        assertThat(analysis.getAction()).contains("--fairtune.plugins-dir");
    }
}
