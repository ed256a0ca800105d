package io.fairtune.service.schedule;

import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.service.problem.FieldError;
import io.fairtune.service.spec.SpecValidationException;
import io.fairtune.service.spec.StudySpecParser;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronExpression;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated {@code POST /api/v1/schedules} body: a name, a Quartz cron expression with its time zone, and a study
 * spec that is valid as it will be submitted (with the schedule's label).
 *
 * @param spec the spec as submitted, without the schedule's label
 */
record ScheduleRequest(String name, String cron, ZoneId zone, ObjectNode spec) {

    static final int MAX_NAME_LENGTH = 200;
    static final String LABEL = "schedule";
    private static final Set<String> FIELDS = Set.of("name", "cron", "timeZone", "spec");
    /** Gaps checked between upcoming firings: enough to catch a cron that bunches them. */
    private static final int GAPS_CHECKED = 20;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** {@link #parse(String, Duration, Instant, OptimizerRegistry)} with built-in optimizers only (tests). */
    static ScheduleRequest parse(String json, Duration minInterval, Instant now) {
        return parse(json, minInterval, now, OptimizerRegistry.builtIns());
    }

    /**
     * @param minInterval the shortest gap allowed between two firings
     * @param optimizers the optimizers the spec's arms may name
     * @throws ScheduleRequestInvalidException listing every field that is wrong
     */
    static ScheduleRequest parse(String json, Duration minInterval, Instant now, OptimizerRegistry optimizers) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw invalid(List.of(new FieldError("", "malformed JSON: " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw invalid(List.of(new FieldError("", "must be an object with name, cron, timeZone and spec")));
        }
        List<FieldError> errors = new ArrayList<>();
        root.propertyNames().stream()
                .filter(field -> !FIELDS.contains(field))
                .sorted()
                .forEach(field -> errors.add(new FieldError(field, "is not a field of a schedule")));
        String name = text(root, "name", errors);
        if (name != null
                && (name.isBlank()
                        || name.length() > MAX_NAME_LENGTH
                        || name.codePoints().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError("name", "must be one line of 1 to " + MAX_NAME_LENGTH + " characters"));
        }
        ZoneId zone = ZoneId.of("UTC");
        if (root.hasNonNull("timeZone")) {
            String id = text(root, "timeZone", errors);
            try {
                zone = id == null ? zone : ZoneId.of(id);
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "'" + id + "' is not a time zone id such as Europe/Berlin"));
            }
        }
        String cron = text(root, "cron", errors);
        if (cron != null) {
            checkCron(cron, zone, minInterval, now, errors);
        }
        JsonNode spec = root.get("spec");
        if (spec == null || !spec.isObject()) {
            errors.add(new FieldError("spec", "is required: a study spec object, as POST /api/v1/studies takes"));
        } else {
            try {
                StudySpecParser.parse(labelled((ObjectNode) spec, 0), optimizers);
            } catch (SpecValidationException e) {
                e.errors()
                        .forEach(error -> errors.add(new FieldError(
                                error.field().isEmpty() ? "spec" : "spec." + error.field(), error.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new ScheduleRequest(name, cron, zone, (ObjectNode) spec);
    }

    /** The stored spec as a firing submits it, with the label {@code schedule=<id>} set. */
    static String labelled(String storedSpec, long scheduleId) {
        return labelled((ObjectNode) MAPPER.readTree(storedSpec), scheduleId);
    }

    /** The spec a firing submits: the schedule's own, with the label {@code schedule=<id>} set. */
    static String labelled(ObjectNode spec, long scheduleId) {
        ObjectNode copy = spec.deepCopy();
        JsonNode labels = copy.get("labels");
        if (labels == null || labels.isNull()) {
            copy.putObject("labels").put(LABEL, Long.toString(scheduleId));
        } else if (labels.isObject()) {
            ((ObjectNode) labels).put(LABEL, Long.toString(scheduleId));
        } // else: not an object, which the parser reports as it stands
        return MAPPER.writeValueAsString(copy);
    }

    private static void checkCron(
            String cron, ZoneId zone, Duration minInterval, Instant now, List<FieldError> errors) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            errors.add(new FieldError(
                    "cron",
                    "is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year],"
                            + " e.g. \"0 0 2 * * ?\" for 02:00 every night): " + e.getMessage()));
            return;
        }
        expression.setTimeZone(TimeZone.getTimeZone(zone));
        Date next = expression.getNextValidTimeAfter(Date.from(now));
        if (next == null) {
            errors.add(new FieldError("cron", "never fires after now"));
            return;
        }
        for (int i = 0; i < GAPS_CHECKED; i++) {
            Date after = expression.getNextValidTimeAfter(next);
            if (after == null) {
                return;
            }
            Duration gap = Duration.between(next.toInstant(), after.toInstant());
            if (gap.compareTo(minInterval) < 0) {
                errors.add(new FieldError(
                        "cron",
                        "fires " + gap.toSeconds() + " s apart; the shortest interval allowed is "
                                + minInterval.toSeconds() + " s (fairtune.schedules.min-interval)"));
                return;
            }
            next = after;
        }
    }

    private static String text(JsonNode root, String field, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return node.asString();
    }

    private static ScheduleRequestInvalidException invalid(List<FieldError> errors) {
        return new ScheduleRequestInvalidException(errors);
    }
}
