package io.fairtune.service.study.api;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.contract.catalog.ModelCatalog;
import io.fairtune.contract.catalog.ScheduleCatalog;
import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.service.spec.Claim;
import io.fairtune.service.spec.ParameterSpace;
import io.fairtune.service.spec.SearchAlgorithm;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The closed sets of a spec and a report (optimizers, schedules, scales, claim kinds and bases) as enums in the
 * OpenAPI document, taken from the catalogs the parser validates against so they cannot drift. Datasets and models
 * are open (an external trainer knows its own), so the built-in trainer's are listed in their descriptions.
 */
@Configuration(proxyBeanMethods = false)
class SpecDocumentation {

    @Bean
    OpenApiCustomizer specEnums(OptimizerRegistry optimizers) {
        return openApi -> {
            @SuppressWarnings("rawtypes")
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            List<String> kinds = Claim.Kind.specNames();
            List<String> bases = Claim.Basis.specNames();
            describe(schemas, "WorkloadSpec", "dataset", "dataset", DatasetCatalog.names());
            describe(schemas, "WorkloadSpec", "model", "model", ModelCatalog.names());
            enumerate(schemas, "ArmSpec", "optimizer", optimizers.names());
            enumerate(
                    schemas,
                    "SearchSpec",
                    "algorithm",
                    Arrays.stream(SearchAlgorithm.values())
                            .map(SearchAlgorithm::specName)
                            .toList());
            enumerate(
                    schemas,
                    "ParameterSpec",
                    "scale",
                    Arrays.stream(ParameterSpace.Scale.values())
                            .map(ParameterSpace.Scale::specName)
                            .toList());
            enumerate(schemas, "ClaimSpec", "kind", kinds);
            enumerate(schemas, "ClaimSpec", "basis", bases);
            enumerate(schemas, "ClaimResult", "kind", kinds);
            enumerate(schemas, "ClaimResult", "basis", bases);
            enumerate(schemas, "Comparison", "basis", bases);
            Schema<?> arm = schemas.get("ArmSpec");
            if (arm != null && arm.getProperties().get("schedule") != null) {
                arm.getProperties()
                        .get("schedule")
                        .setDescription("{\"type\": one of " + String.join(", ", ScheduleCatalog.types())
                                + ", plus the schedule's fixed settings, e.g. \"decay_power\": 2.0}");
            }
        };
    }

    @SuppressWarnings("rawtypes")
    private static void describe(
            Map<String, Schema> schemas, String schema, String property, String what, List<String> builtIn) {
        field(schemas, schema, property)
                .setDescription("the built-in trainer's " + what + ": one of " + String.join(", ", builtIn)
                        + "; an external trainer's: an identifier passed to it ([a-z0-9][a-z0-9._-]{0,49})");
    }

    @SuppressWarnings("rawtypes")
    private static Schema field(Map<String, Schema> schemas, String schema, String property) {
        Schema model = schemas.get(schema);
        if (model == null || model.getProperties() == null) {
            throw new IllegalStateException("the OpenAPI document has no schema " + schema);
        }
        Schema field = (Schema) model.getProperties().get(property);
        if (field == null) {
            throw new IllegalStateException("schema " + schema + " has no property " + property);
        }
        return field;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void enumerate(Map<String, Schema> schemas, String schema, String property, List<String> values) {
        Schema field = field(schemas, schema, property);
        List<Object> allowed = new ArrayList<>(values);
        if (Boolean.TRUE.equals(field.getNullable())) {
            allowed.add(null); // JSON Schema checks enum too: a nullable field's null must be listed
        }
        field.setEnum(allowed);
    }
}
