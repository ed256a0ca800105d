package io.fairtune.service.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code labels}: an object of plain keys to one-line string values. */
final class LabelSection {

    private LabelSection() {}

    static Labels read(SpecCursor study) {
        SpecCursor labels = study.field("labels");
        if (labels.isAbsent()) {
            return Labels.NONE;
        }
        if (labels.object() == null) {
            return null;
        }
        int before = labels.errorCount();
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : labels.keys(null)) {
            if (!Labels.KEY.matcher(key).matches()) {
                labels.error(
                        key,
                        "label keys are 1 to 63 characters: a lower-case letter, then letters, digits, '_', '.' or"
                                + " '-'");
                continue;
            }
            String value = labels.string(key, true);
            if (value == null) {
                continue;
            }
            if (!Labels.isValue(value)) {
                labels.error(
                        key,
                        "must be 1 to " + Labels.MAX_VALUE_LENGTH
                                + " characters, not blank, without control characters");
                continue;
            }
            values.put(key, value);
        }
        if (values.size() > Labels.MAX_LABELS) {
            labels.error("at most " + Labels.MAX_LABELS + " labels, got " + values.size());
        }
        return labels.errorCount() > before ? null : new Labels(values);
    }
}
