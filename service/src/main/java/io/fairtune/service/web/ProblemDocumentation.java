package io.fairtune.service.web;

import io.fairtune.service.problem.ProblemType;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document describes the one problem shape and every {@code type} it can carry, and lists the error
 * answers of every operation with that shape ({@code application/problem+json}).
 */
@Configuration(proxyBeanMethods = false)
class ProblemDocumentation {

    static final String SCHEMA = "Problem";

    @Bean
    OpenApiCustomizer problems() {
        return openApi -> {
            openApi.getComponents().addSchemas(SCHEMA, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                        addErrors(operation, path.contains("{"), method.name().equals("GET"));
                    }));
        };
    }

    private static Schema<?> problemSchema() {
        String types = Arrays.stream(ProblemType.values())
                .map(t -> "- `" + t.uri() + "` (" + t.status() + "): " + t.description())
                .collect(Collectors.joining("\n"));
        StringSchema type = new StringSchema();
        type.setEnum(
                Arrays.stream(ProblemType.values()).map(t -> t.uri().toString()).toList());
        type.setDescription("A stable relative URI; branch on it, not on the text.");
        ObjectSchema field = new ObjectSchema();
        field.addProperty("field", new StringSchema().description("e.g. arms[1].space.learning_rate.min"));
        field.addProperty("message", new StringSchema());
        field.setRequired(List.of("field", "message"));
        ObjectSchema problem = new ObjectSchema();
        problem.setDescription("RFC 9457 problem details. Types:\n" + types);
        problem.addProperty("type", type);
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("errors", new ArraySchema().items(field).description("invalid fields, when any"));
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }

    private static void addErrors(Operation operation, boolean namesAResource, boolean reads) {
        add(operation, "400", "invalid request, spec or report (see the problem type)");
        add(operation, "401", "no valid bearer token");
        add(operation, "403", "the token's role may not call this");
        if (namesAResource) {
            add(operation, "404", "no such resource");
        }
        if (!reads) {
            add(operation, "409", "conflicts with the stored state (see the problem type)");
            add(operation, "413", "body too large");
        }
        add(operation, "500", "internal error");
    }

    private static void add(Operation operation, String status, String description) {
        if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
            return;
        }
        operation
                .getResponses()
                .addApiResponse(
                        status,
                        new ApiResponse()
                                .description(description)
                                .content(new Content()
                                        .addMediaType(
                                                "application/problem+json",
                                                new MediaType()
                                                        .schema(new Schema<>()
                                                                .$ref("#/components/schemas/" + SCHEMA)))));
    }
}
