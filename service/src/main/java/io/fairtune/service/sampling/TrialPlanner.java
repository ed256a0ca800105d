package io.fairtune.service.sampling;

import io.fairtune.contract.catalog.Hyperparameters;
import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.catalog.ScheduleCatalog;
import io.fairtune.contract.catalog.ScheduleDefinition;
import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.service.spec.ArmSpec;
import io.fairtune.service.spec.ParameterSpace;
import io.fairtune.service.spec.StudySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the tuning phase of a validated study: {@code trialsPerArm} points per arm from the study's search
 * algorithm. Dimension {@code d} of an arm is its {@code d}-th tuned hyperparameter in spec order, and sample
 * {@code i} of every arm reads point {@code i} of the same sequence with the same training seed (see
 * {@link TrialSeeds}), so arms are explored alike.
 */
public final class TrialPlanner {

    private TrialPlanner() {}

    /** {@link #plan(StudySpec, OptimizerRegistry)} of a spec of built-in optimizers (tests). */
    public static List<PlannedTrial> plan(StudySpec spec) {
        return plan(spec, OptimizerRegistry.builtIns());
    }

    /**
     * Every tuning trial, ordered by sample index, then by arm in spec order: a study stopped part way has spent
     * the same budget on every arm.
     *
     * @param optimizers the registry {@code spec} was validated against
     */
    public static List<PlannedTrial> plan(StudySpec spec, OptimizerRegistry optimizers) {
        int trialsPerArm = spec.budget().trialsPerArm();
        long studySeed = spec.search().seed();
        List<List<PlannedTrial>> byArm = new ArrayList<>();
        for (ArmSpec arm : spec.arms()) {
            List<String> tuned = arm.tunedParameters();
            double[][] points = UnitCubeSequence.of(spec.search().algorithm(), studySeed, tuned.size())
                    .points(trialsPerArm);
            List<PlannedTrial> trials = new ArrayList<>(trialsPerArm);
            for (int i = 0; i < trialsPerArm; i++) {
                Map<String, Object> sampled = new HashMap<>();
                for (int d = 0; d < tuned.size(); d++) {
                    String name = tuned.get(d);
                    sampled.put(name, SpaceMapping.value(arm.space().get(name), points[i][d]));
                }
                trials.add(new PlannedTrial(
                        arm.name(),
                        i,
                        TrialSeeds.tuning(studySeed, i),
                        effectiveHyperparameters(optimizers, arm, sampled)));
            }
            byArm.add(trials);
        }
        List<PlannedTrial> plan = new ArrayList<>(trialsPerArm * spec.arms().size());
        for (int i = 0; i < trialsPerArm; i++) {
            for (List<PlannedTrial> trials : byArm) {
                plan.add(trials.get(i));
            }
        }
        return List.copyOf(plan);
    }

    /** The {@code finalEvaluation.seeds} seeds of the final phase, shared by all arms, distinct from tuning seeds. */
    public static long[] finalSeeds(StudySpec spec) {
        long[] seeds = new long[spec.finalEvaluation().seeds()];
        for (int j = 0; j < seeds.length; j++) {
            seeds[j] = TrialSeeds.finalEvaluation(spec.search().seed(), j);
        }
        return seeds;
    }

    /**
     * Every value an arm's trial trains with, in {@link Hyperparameters}' order, defaults filled in there: taken
     * from {@code sampled}, else the space's fixed value, else the schedule object. Settings that are optional without
     * a default ({@code warmup_steps}) are left out when not given.
     *
     * @param sampled values of the tuned hyperparameters
     * @throws IllegalArgumentException when the arm names an unknown optimizer or schedule or a value they do not
     *     accept (impossible for a spec from {@link io.fairtune.service.spec.StudySpecParser})
     */
    public static Hyperparameters effectiveHyperparameters(
            OptimizerRegistry optimizers, ArmSpec arm, Map<String, Object> sampled) {
        OptimizerDefinition optimizer = optimizers
                .find(arm.optimizer())
                .orElseThrow(() -> new IllegalArgumentException("unknown optimizer " + arm.optimizer()));
        ScheduleDefinition schedule = ScheduleCatalog.find(arm.schedule().type())
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown schedule " + arm.schedule().type()));
        Map<String, Object> given = new LinkedHashMap<>(arm.schedule().settings());
        arm.space().forEach((name, space) -> {
            if (space instanceof ParameterSpace.Fixed fixed) {
                given.put(name, fixed.value());
            }
        });
        given.putAll(sampled);
        return Hyperparameters.of(optimizer, schedule, given);
    }
}
