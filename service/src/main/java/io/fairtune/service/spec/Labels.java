package io.fairtune.service.spec;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a study came from, as {@code key → value}: a CI run's commit, branch and URL, the schedule that fired it,
 * anything a user tags it with. Studies are listed by them ({@code ?label=branch:main}).
 *
 * @param values sorted by key, so a stored study reads the same every time
 */
public record Labels(Map<String, String> values) {

    /** Keys are plain so that {@code key:value} filters and dashboard chips read unambiguously. */
    public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,62}");

    public static final int MAX_VALUE_LENGTH = 500;

    public static final int MAX_LABELS = 32;

    public static final Labels NONE = new Labels(Map.of());

    public Labels {
        Objects.requireNonNull(values, "values");
        values.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("label key '" + key + "' does not match " + KEY);
            }
            if (!isValue(value)) {
                throw new IllegalArgumentException("label '" + key + "' has an unusable value");
            }
        });
        if (values.size() > MAX_LABELS) {
            throw new IllegalArgumentException("at most " + MAX_LABELS + " labels");
        }
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /** A value is one line of text: 1 to {@link #MAX_VALUE_LENGTH} characters, no control characters. */
    public static boolean isValue(String value) {
        return value != null
                && !value.isBlank()
                && value.length() <= MAX_VALUE_LENGTH
                && value.codePoints().noneMatch(Character::isISOControl);
    }
}
