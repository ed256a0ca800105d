package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document states, for every operation, who may call it and how it refuses. */
@FairtuneIntegrationTest
class ApiDocumentTest {

    @LocalServerPort
    int port;

    @Test
    void everyOperationStatesItsRolesItsBearerSchemeAndItsProblems() throws Exception {
        RawHttp.Response response = RawHttp.send(port, "GET", "/v3/api-docs", null, null);
        assertThat(response.status()).isEqualTo(200);
        Files.writeString(Path.of("target/openapi.json"), response.body());
        JsonNode document = TestApi.JSON.readTree(response.body());
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asString())
                .isEqualTo("bearer");
        JsonNode problem = document.at("/components/schemas/Problem");
        List<String> types = new ArrayList<>();
        problem.at("/properties/type/enum").forEach(t -> types.add(t.asString()));
        assertThat(types).contains("/problems/attempt-stale", "/problems/spec-invalid", "/problems/unauthorized");

        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode op = operation.getValue();
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                if (!op.path("x-fairtune-roles").isArray()
                        || op.path("x-fairtune-roles").isEmpty()) {
                    missing.add(name + ": roles");
                }
                if (!op.path("security").toString().contains("bearer")) {
                    missing.add(name + ": bearer");
                }
                for (String status : List.of("401", "403")) {
                    JsonNode schema = op.at("/responses/" + status + "/content/application~1problem+json/schema");
                    if (!schema.path("$ref").asString().equals("#/components/schemas/Problem")) {
                        missing.add(name + ": " + status + " problem");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
