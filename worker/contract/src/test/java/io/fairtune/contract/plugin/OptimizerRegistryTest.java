package io.fairtune.contract.plugin;

import static io.fairtune.contract.catalog.HyperparameterDefinition.flag;
import static io.fairtune.contract.catalog.HyperparameterDefinition.real;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairtune.contract.catalog.HyperparameterDefinition;
import io.fairtune.contract.catalog.OptimizerCatalog;
import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.catalog.OptimizerDefinition.WeightDecayKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which plugins the registry admits, and the one-line reasons it gives for the others. */
class OptimizerRegistryTest {

    @TempDir
    Path dir;

    @Test
    void aValidPluginJoinsTheBuiltInsWithLabelSmoothingAppended() {
        OptimizerRegistry registry =
                OptimizerRegistry.of(List.of(plugin("my_rule", real("beta", 0, true, 1, false, 0.5, ""))));

        assertThat(registry.names())
                .startsWith(OptimizerCatalog.names().toArray(String[]::new))
                .endsWith("my_rule");
        assertThat(registry.pluginNames()).containsExactly("my_rule");
        assertThat(registry.plugin("my_rule")).isPresent();
        assertThat(registry.plugin("adam")).isEmpty();
        assertThat(registry.find("my_rule").orElseThrow().hyperparameters())
                .extracting(HyperparameterDefinition::name)
                .containsExactly("beta", "label_smoothing");
    }

    @Test
    void aNameTakenByABuiltInOrAnotherPluginIsRefused() {
        assertThatThrownBy(() -> OptimizerRegistry.of(List.of(plugin("adam"))))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("optimizer 'adam' is already built in");
        assertThatThrownBy(() -> OptimizerRegistry.of(List.of(plugin("mine"), plugin("mine"))))
                .hasMessageContaining("optimizer 'mine' is already defined by plugin");
    }

    @Test
    void invalidDefinitionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> OptimizerRegistry.of(List.of(plugin("My-Rule"))))
                .hasMessageContaining("optimizer name 'My-Rule' must match");
        assertThatThrownBy(() ->
                        OptimizerRegistry.of(List.of(plugin("r", real("learning_rate", 0, false, 1, false, 0.1, "")))))
                .hasMessageContaining("'learning_rate' is reserved");
        assertThatThrownBy(() ->
                        OptimizerRegistry.of(List.of(plugin("r", real("label_smoothing", 0, true, 1, false, 0.0, "")))))
                .hasMessageContaining("'label_smoothing' is reserved");
        assertThatThrownBy(() ->
                        OptimizerRegistry.of(List.of(plugin("r", real("warmup_fraction", 0, true, 1, false, 0.0, "")))))
                .hasMessageContaining("'warmup_fraction' is reserved");
        assertThatThrownBy(() -> OptimizerRegistry.of(List.of(plugin("r", real("beta", 0, true, 1, false, 1.5, "")))))
                .hasMessageContaining("default of 'beta' is 1.5, outside its range [0, 1)");
        assertThatThrownBy(() -> OptimizerRegistry.of(List.of(plugin("r", real("beta", 1, true, 0, false, 0.5, "")))))
                .hasMessageContaining("'beta' has an empty or invalid range");
        assertThatThrownBy(() ->
                        OptimizerRegistry.of(List.of(plugin("r", real("beta", 0, true, Double.NaN, false, 0.5, "")))))
                .hasMessageContaining("'beta' has an empty or invalid range");
        assertThatThrownBy(
                        () -> OptimizerRegistry.of(List.of(plugin("r", flag("on", true, ""), flag("on", false, "")))))
                .hasMessageContaining("hyperparameter 'on' is declared twice");
        assertThatThrownBy(
                        () -> OptimizerRegistry.of(List.of(new Plugin(new OptimizerDefinition("r", List.of(), null)))))
                .hasMessageContaining("weight-decay kind is missing");
    }

    @Test
    void noDirectoryMeansTheBuiltInsAlone() {
        assertThat(OptimizerRegistry.load(null).names()).isEqualTo(OptimizerCatalog.names());
        assertThat(OptimizerRegistry.load(" ").pluginNames()).isEmpty();
    }

    @Test
    void anEmptyDirectoryHasNoPluginsAndAMissingOneIsRefused() {
        assertThat(OptimizerRegistry.load(dir.toString()).pluginNames()).isEmpty();
        assertThatThrownBy(() -> OptimizerRegistry.load(dir.resolve("absent").toString()))
                .isInstanceOf(PluginException.class)
                .hasMessageMatching("plugins directory .*absent is not a readable directory");
    }

    @Test
    void aJarThatNamesAMissingClassIsRefused() throws IOException {
        try (OutputStream file = Files.newOutputStream(dir.resolve("broken.jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + OptimizerPlugin.class.getName()));
            jar.write("com.example.NoSuchPlugin\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }

        assertThatThrownBy(() -> OptimizerRegistry.load(dir.toString()))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("does not load")
                .hasMessageContaining("com.example.NoSuchPlugin");
    }

    @Test
    void aProviderOnTheClassPathIsNotInstalledByTheDirectory() throws IOException {
        // The jar lists a class that only the class path has: it is not the jar's own, so it is not a plugin here.
        try (OutputStream file = Files.newOutputStream(dir.resolve("listing.jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + OptimizerPlugin.class.getName()));
            jar.write(ClassPathPlugin.class.getName().getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }

        assertThat(OptimizerRegistry.load(dir.toString()).pluginNames()).isEmpty();
    }

    private static Plugin plugin(String name, HyperparameterDefinition... hyperparameters) {
        return new Plugin(new OptimizerDefinition(name, List.of(hyperparameters), WeightDecayKind.NONE));
    }

    private record Plugin(OptimizerDefinition definition) implements OptimizerPlugin {
        @Override
        public UpdateRule rule(io.fairtune.contract.catalog.Hyperparameters values) {
            return (tensor, step, learningRate) -> {};
        }
    }

    /** Public with a no-argument constructor, as {@link java.util.ServiceLoader} needs. */
    public static final class ClassPathPlugin implements OptimizerPlugin {
        @Override
        public OptimizerDefinition definition() {
            return new OptimizerDefinition("class_path", List.of(), WeightDecayKind.NONE);
        }

        @Override
        public UpdateRule rule(io.fairtune.contract.catalog.Hyperparameters values) {
            return (tensor, step, learningRate) -> {};
        }
    }
}
