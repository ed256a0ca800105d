package io.fairtune.contract.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeEnvironmentTest {

    @Test
    void aTrainingProcessStartedWithoutAJitChoiceGetsC1OnlyAtATenthOfTheThresholds() {
        assertThat(NativeEnvironment.trainingJit(List.of("-Xmx2g", "-Duser.home=/home/fairtune")))
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1");
        assertThat(NativeEnvironment.trainingJit(List.of()))
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1");
    }

    @Test
    void aJitChoiceOnTheCommandLineIsKept() {
        assertThat(NativeEnvironment.trainingJit(List.of("-XX:TieredStopAtLevel=4")))
                .isEmpty();
        assertThat(NativeEnvironment.trainingJit(List.of("-Xmx2g", "-XX:-TieredCompilation")))
                .isEmpty();
        assertThat(NativeEnvironment.trainingJit(List.of("-XX:+TieredCompilation")))
                .isEmpty();
        assertThat(NativeEnvironment.trainingJit(List.of("-XX:CompileThresholdScaling=1")))
                .isEmpty();
    }

    @Test
    void theCommandOfThisProgramCarriesTheJitSettingsOnce() {
        List<String> command = NativeEnvironment.commandOfThisProgram(List.of("-Dx=1"), "Main", List.of("a"))
                .orElseThrow();
        assertThat(command.stream()
                        .filter(o -> o.startsWith("-XX:TieredStopAtLevel=") || o.endsWith("TieredCompilation")))
                .hasSize(1);
        assertThat(command.stream().filter(o -> o.startsWith("-XX:CompileThresholdScaling=")))
                .hasSize(1);
        assertThat(command).endsWith("a");
        assertThat(command.indexOf("-Dx=1")).isLessThan(command.indexOf("a"));
    }
}
