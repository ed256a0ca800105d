package io.fairtune.service.spec;

import static io.fairtune.service.spec.ArmSettings.WARMUP_FRACTION;
import static io.fairtune.service.spec.ArmSettings.WARMUP_STEPS;
import static io.fairtune.service.spec.StudySpecParser.ARM_NAME;
import static io.fairtune.service.spec.StudySpecParser.MAX_ARMS;

import io.fairtune.contract.catalog.HyperparameterDefinition;
import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.catalog.ScheduleCatalog;
import io.fairtune.contract.catalog.ScheduleDefinition;
import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.service.spec.ArmSpec.Schedule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads {@code arms}: each arm's optimizer (built in or a plugin) and schedule from the worker's catalogs, the settings fixed in its schedule
 * and the space it tunes, and whether those settings fit together.
 */
final class ArmSection {

    private static final List<String> ARM_FIELDS = List.of("name", "optimizer", "schedule", "space");

    private final SettingValues values;
    private final OptimizerRegistry optimizers;
    private final List<String> names = new ArrayList<>();

    /**
     * @param trainingSteps the workload's, to bound warmup_steps; null when invalid (reported there)
     * @param optimizers the built-ins and this service's plugins
     */
    ArmSection(Long trainingSteps, OptimizerRegistry optimizers) {
        this.values = new SettingValues(trainingSteps);
        this.optimizers = optimizers;
    }

    /** The distinct arm names given, even of arms that are otherwise invalid, for the comparisons to refer to. */
    List<String> names() {
        return names;
    }

    List<ArmSpec> read(SpecCursor study) {
        SpecCursor list = study.field("arms");
        if (list.isAbsent()) {
            list.error("is required (a list of 1 to " + MAX_ARMS + " arms)");
            return null;
        }
        if (!list.isNonEmptyArray("an array of arms", "must list at least one arm")) {
            return null;
        }
        int count = list.node().size();
        if (count > MAX_ARMS) {
            list.error("must list at most " + MAX_ARMS + " arms, got " + count);
        }
        List<ArmSpec> arms = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < count; i++) {
            SpecCursor element = list.element(i);
            ArmSpec arm = arm(element);
            SpecCursor name = element.field("name");
            if (!name.isAbsent() && name.node().isString()) {
                String given = name.node().stringValue();
                Integer previous = firstIndex.putIfAbsent(given, i);
                if (previous != null) {
                    name.error("duplicate arm name '" + given + "' (also arms[" + previous + "].name)");
                } else {
                    names.add(given);
                }
            }
            arms.add(arm);
        }
        return arms.contains(null) ? null : arms;
    }

    private ArmSpec arm(SpecCursor element) {
        SpecCursor a = element.object(ARM_FIELDS);
        if (a == null) {
            return null;
        }
        int before = a.errorCount();
        String name = a.string("name", true);
        if (name != null && !ARM_NAME.matcher(name).matches()) {
            a.error(
                    "name",
                    "must match " + ARM_NAME.pattern()
                            + ": 1 to 63 lowercase letters, digits, '_' or '-', starting with a letter or digit; got '"
                            + name + "'");
        }
        String optimizerName = a.string("optimizer", true);
        OptimizerDefinition optimizer =
                a.lookup("optimizer", optimizerName, "optimizer", optimizers::find, optimizers.names());
        SpecCursor schedule = a.field("schedule");
        String scheduleType = null;
        ScheduleDefinition scheduleDefinition = null;
        if (schedule.isAbsent()) {
            schedule.error("is required (an object with \"type\" and fixed settings)");
        } else if (schedule.object() != null) {
            scheduleType = schedule.string("type", true);
            scheduleDefinition = schedule.lookup(
                    "type", scheduleType, "schedule type", ScheduleCatalog::find, ScheduleCatalog.types());
        }
        ArmSettings known = new ArmSettings(optimizer, scheduleDefinition);
        // A schedule or space that is not an object has no keys: its settings are not blamed as well.
        Set<String> inSchedule = schedule.keys("type");
        Map<String, Object> settings =
                settings(schedule, inSchedule, known, (setting, key) -> values.given(setting, known.find(key)));
        SpecCursor space = a.field("space");
        if (!space.isAbsent()) {
            space.object();
        }
        Set<String> inSpace = space.keys(null);
        Map<String, ParameterSpace> spaces =
                settings(space, inSpace, known, (entry, key) -> values.space(entry, key, known.find(key)));
        if (known.complete()) {
            checkTogether(a, known, inSchedule, inSpace);
        }
        if (a.errorCount() > before) {
            return null;
        }
        return new ArmSpec(name, optimizerName, new Schedule(scheduleType, settings), spaces);
    }

    /** Reads each setting of a schedule or space that the arm's catalogs define, keeping the legal ones. */
    private static <T> Map<String, T> settings(
            SpecCursor object, Set<String> keys, ArmSettings known, BiFunction<SpecCursor, String, T> read) {
        Map<String, T> settings = new LinkedHashMap<>();
        for (String key : keys) {
            SpecCursor setting = object.rawField(key);
            if (known.rejects(key)) {
                setting.error(known.unknownMessage(key));
                continue;
            }
            T value = read.apply(setting, key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        return settings;
    }

    /** Checks the settings an arm's schedule and space give together, against both of its catalogs. */
    private static void checkTogether(SpecCursor arm, ArmSettings known, Set<String> inSchedule, Set<String> inSpace) {
        for (String key : inSpace) {
            if (inSchedule.contains(key)) {
                arm.error("space." + key, "is also given in schedule; give each setting in one place");
            }
        }
        for (HyperparameterDefinition definition : known.all()) {
            String key = definition.name();
            if (definition.required() && !inSchedule.contains(key) && !inSpace.contains(key)) {
                arm.error(
                        "space." + key,
                        "is required by " + known.owner(key) + ": tune it or fix it in space, or fix it in schedule");
            }
        }
        // warmup_steps silently overrides warmup_fraction in the worker: a tuned fraction would be a dead dimension,
        // so ask for one of them.
        boolean stepsGiven = inSchedule.contains(WARMUP_STEPS) || inSpace.contains(WARMUP_STEPS);
        boolean fractionGiven = inSchedule.contains(WARMUP_FRACTION) || inSpace.contains(WARMUP_FRACTION);
        if (stepsGiven && fractionGiven) {
            arm.error(
                    (inSpace.contains(WARMUP_STEPS) ? "space." : "schedule.") + WARMUP_STEPS,
                    "give warmup_steps or warmup_fraction, not both (warmup_steps overrides warmup_fraction)");
        }
    }
}
