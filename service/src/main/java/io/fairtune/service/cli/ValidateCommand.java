package io.fairtune.service.cli;

import io.fairtune.service.sampling.PlannedTrial;
import io.fairtune.service.sampling.TrialPlanner;
import io.fairtune.service.spec.ArmSpec;
import io.fairtune.service.spec.StudySpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A dry run without a server: the same validation and planning the service applies when a study is created. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check a study spec and show what it would run; needs no server.",
        footer = ExitCodes.HELP)
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "SPEC.json", description = "the study spec")
    Path specFile;

    @Option(names = "--plan", description = "also print every planned tuning trial with its hyperparameters")
    boolean plan;

    @Mixin
    PluginsOption plugins;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        SpecFile file = SpecFile.read(
                specFile, plugins.registry(), command.commandLine().getErr());
        StudySpec spec = file.spec();
        List<PlannedTrial> trials = TrialPlanner.plan(spec, file.optimizers());
        out.println(specFile + ": valid, study '" + spec.name() + "'");
        for (ArmSpec arm : spec.arms()) {
            long tuning =
                    trials.stream().filter(t -> t.arm().equals(arm.name())).count();
            out.println("  " + arm.name() + " (" + arm.optimizer() + "): " + tuning + " tuning trials, "
                    + spec.finalEvaluation().seeds() + " final-phase seeds");
        }
        out.println("  " + trials.size() + " tuning trials, " + spec.claims().size() + " claim"
                + (spec.claims().size() == 1 ? "" : "s") + ", "
                + spec.labels().values().size() + " label"
                + (spec.labels().values().size() == 1 ? "" : "s"));
        if (plan) {
            for (PlannedTrial trial : trials) {
                out.println("  " + trial.arm() + " #" + trial.sampleIndex() + " seed " + trial.seed() + " "
                        + trial.hyperparameters());
            }
        }
        return ExitCodes.OK;
    }
}
