package io.fairtune.service.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where each field of a spec is written, so a field error ({@code arms[1].space.learning_rate.min}) can name its
 * line as the dashboard's editor does.
 */
final class SpecLines {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final Map<String, Integer> lines;

    private SpecLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** The lines of every field path; a text that is not JSON has none (its parse error names its line). */
    static SpecLines of(String json) {
        Map<String, Integer> lines = new HashMap<>();
        // One frame per open container: the path prefix, and the next array index (-1 in an object).
        Deque<String> paths = new ArrayDeque<>();
        Deque<int[]> indices = new ArrayDeque<>();
        String field = null;
        try (JsonParser parser = MAPPER.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                int line = parser.currentTokenLocation().getLineNr();
                if (token == JsonToken.PROPERTY_NAME) {
                    field = join(paths.peek(), parser.currentName());
                    lines.putIfAbsent(field, line);
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    paths.pop();
                    indices.pop();
                    continue;
                }
                String here = field;
                if (here == null && !indices.isEmpty() && indices.peek()[0] >= 0) {
                    here = paths.peek() + "[" + indices.peek()[0]++ + "]";
                    lines.putIfAbsent(here, line);
                }
                field = null;
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    paths.push(here == null ? "" : here);
                    indices.push(new int[] {token == JsonToken.START_ARRAY ? 0 : -1});
                }
            }
        } catch (JacksonException e) {
            return new SpecLines(lines);
        }
        return new SpecLines(lines);
    }

    /** The line of a field, or of its nearest written parent (a missing field is reported at its object). */
    int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return 1;
    }

    private static String join(String parent, String name) {
        return parent == null || parent.isEmpty() ? name : parent + "." + name;
    }
}
