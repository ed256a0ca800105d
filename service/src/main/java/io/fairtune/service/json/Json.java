package io.fairtune.service.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON text columns (specs, spaces, hyperparameter values) to and from Java values. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};

    private Json() {}

    public static Map<String, Object> readMap(String json) {
        return MAPPER.readValue(json, MAP);
    }

    public static List<Object> readList(String json) {
        return MAPPER.readValue(json, LIST);
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
