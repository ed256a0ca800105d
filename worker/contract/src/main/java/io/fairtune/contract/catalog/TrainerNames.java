package io.fairtune.contract.catalog;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * External trainers and the Quartz scheduler names that route trials to them. A spec names a trainer; only a
 * worker's own configuration says what program that name runs, so a name is all the API ever carries. Quartz fires
 * a trigger on any started node of its scheduler name, so each trainer is a pool of its own: the built-in trainer's
 * trials live under the trials scheduler name ({@code FairtuneTrials}), an external trainer's under
 * {@code FairtuneTrials.trainer.<name>}, which only nodes that have it run.
 */
public final class TrainerNames {

    /** A trainer name: plain enough for a scheduler name, a URL and a log line, and never a path or a command. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    public static final String RULE = "[a-z][a-z0-9_-]{0,39}";

    /**
     * How the built-in DL4J trainer is shown where a trainer name would be (the workers API); reserved, so no
     * external trainer can take it.
     */
    public static final String BUILT_IN = "dl4j";

    private static final String INFIX = ".trainer.";

    private TrainerNames() {}

    /** A name an external trainer may have: the pattern, and not the built-in trainer's. */
    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches() && !name.equals(BUILT_IN);
    }

    /**
     * The scheduler name of a trainer's pool.
     *
     * @param trialsSchedulerName the built-in trainer's scheduler name ({@code spring.quartz.scheduler-name})
     * @param trainer an external trainer, or null for the built-in one
     * @throws IllegalArgumentException for an invalid trainer name
     */
    public static String schedulerName(String trialsSchedulerName, String trainer) {
        if (trainer == null) {
            return trialsSchedulerName;
        }
        if (!valid(trainer)) {
            throw new IllegalArgumentException(
                    "invalid trainer name '" + trainer + "' (must match " + RULE + ", not " + BUILT_IN + ")");
        }
        return poolPrefix(trialsSchedulerName) + trainer;
    }

    /** What every external trainer's scheduler name starts with; the trainer's name follows. */
    public static String poolPrefix(String trialsSchedulerName) {
        return trialsSchedulerName + INFIX;
    }

    /**
     * The trainer whose pool a scheduler name is: {@link #BUILT_IN} for the trials scheduler name, an external
     * trainer's name for its pool, empty for any other scheduler (study schedules, say).
     */
    public static Optional<String> trainerOf(String trialsSchedulerName, String schedulerName) {
        if (schedulerName.equals(trialsSchedulerName)) {
            return Optional.of(BUILT_IN);
        }
        String prefix = poolPrefix(trialsSchedulerName);
        if (schedulerName.startsWith(prefix) && valid(schedulerName.substring(prefix.length()))) {
            return Optional.of(schedulerName.substring(prefix.length()));
        }
        return Optional.empty();
    }

    /** A trainer as users read it: {@code 'quadratic'}, or {@code the built-in DL4J trainer}. */
    public static String describe(String trainer) {
        return trainer == null || trainer.equals(BUILT_IN) ? "the built-in DL4J trainer" : "trainer '" + trainer + "'";
    }
}
