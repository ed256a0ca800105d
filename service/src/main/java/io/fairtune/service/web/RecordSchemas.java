package io.fairtune.service.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Marks what the service's records promise in their schemas, so a generated client knows which fields are always
 * there: every component is {@code required} unless it is {@link Nullable}, and a nullable one admits JSON {@code
 * null}. Only the service's own records are marked; the worker protocol's records are read leniently and checked
 * by the service itself.
 */
@Component
class RecordSchemas implements ModelConverter {

    private static final String OWN_PACKAGE = "io.fairtune.service.";

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema<?> schema = chain.next().resolve(type, context, chain);
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (schema == null || !raw.isRecord() || !raw.getName().startsWith(OWN_PACKAGE)) {
            return schema;
        }
        Schema<?> model = schema;
        if (schema.get$ref() != null) {
            model = context.getDefinedModels()
                    .get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        if (model != null && model.getProperties() != null) {
            mark(raw, model);
        }
        return schema;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void mark(Class<?> record, Schema<?> model) {
        Map<String, Schema> properties = model.getProperties();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            Schema property = properties.get(component.getName());
            if (property == null) {
                continue;
            }
            if (!component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                required.add(component.getName());
            } else if (property.get$ref() != null) {
                // OpenAPI 3.0 ignores the siblings of a $ref: the reference goes into allOf to carry nullable.
                properties.put(
                        component.getName(),
                        new Schema<>().allOf(List.<Schema>of(property)).nullable(true));
            } else {
                property.setNullable(true);
            }
        }
        model.setRequired(required.isEmpty() ? null : required);
    }
}
