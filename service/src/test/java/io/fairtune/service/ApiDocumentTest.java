package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** What a client generator needs: the gaps openapi-generator 7.25 stumbled on, each checked. */
    @Test
    void everyOperationIsTypedForAClientGenerator() throws Exception {
        JsonNode document = TestApi.JSON.readTree(
                RawHttp.send(port, "GET", "/v3/api-docs", null, null).body());
        assertThat(document.at("/info/title").asString()).isEqualTo("Fairtune API");
        assertThat(document.at("/info/description").asString()).contains("bearer token");

        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode op = operation.getValue();
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                String id = op.path("operationId").asString();
                if (id.isEmpty() || id.matches(".*_\\d+") || !operationIds.add(id)) {
                    problems.add(name + ": operationId '" + id + "' is missing, numbered or taken twice");
                }
                for (Map.Entry<String, JsonNode> response : op.path("responses").properties()) {
                    for (Map.Entry<String, JsonNode> media :
                            response.getValue().path("content").properties()) {
                        if (media.getKey().equals("*/*")) {
                            problems.add(name + " " + response.getKey() + ": answers */*");
                        }
                        JsonNode schema = media.getValue().path("schema");
                        if (media.getKey().equals("application/json")
                                && schema.path("$ref").isMissingNode()
                                && schema.at("/items/$ref").isMissingNode()) {
                            problems.add(name + " " + response.getKey() + ": untyped JSON answer " + schema);
                        }
                    }
                }
                if (operation.getKey().equals("post") && op.has("requestBody")) {
                    if (op.at("/requestBody/content/application~1json/schema/$ref")
                            .isMissingNode()) {
                        problems.add(name + ": request body without a schema");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();

        JsonNode create = document.at("/paths/~1api~1v1~1studies/post");
        assertThat(create.at("/requestBody/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/StudySpec");
        assertThat(create.at("/responses/201/headers/Location").isObject()).isTrue();
        assertThat(create.at("/responses/201/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/StudyDetail");
        assertThat(create.at("/responses/200").isMissingNode()).isTrue();
        assertThat(document.at(
                                "/paths/~1api~1v1~1studies~1plan/post/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/DryRun");
        for (String created : List.of("tokens", "schedules")) {
            JsonNode answer = document.at("/paths/~1api~1v1~1" + created + "/post/responses/201");
            assertThat(answer.at("/headers/Location").isObject()).as(created).isTrue();
            assertThat(answer.at("/content/application~1json/schema/$ref").asString())
                    .as(created)
                    .isNotEmpty();
            assertThat(document.at("/paths/~1api~1v1~1" + created + "/post/responses/200")
                            .isMissingNode())
                    .isTrue();
        }
        assertThat(
                        document
                                .at("/paths/~1api~1v1~1studies~1{id}~1report.md/get/responses/200/content")
                                .properties()
                                .stream()
                                .map(Map.Entry::getKey))
                .containsExactly("text/markdown");
        assertThat(
                        document
                                .at("/paths/~1api~1v1~1studies~1{id}~1trials.csv/get/responses/200/content")
                                .properties()
                                .stream()
                                .map(Map.Entry::getKey))
                .containsExactly("text/csv");

        JsonNode schemas = document.at("/components/schemas");
        for (String seed : List.of(
                "TrialSummary/properties/seed",
                "StudyDetail/properties/searchSeed",
                "Report/properties/searchSeed",
                "FinalRun/properties/seed",
                "PlannedTrialView/properties/seed")) {
            assertThat(schemas.at("/" + seed + "/type").asString()).as(seed).isEqualTo("string");
        }
        assertThat(strings(schemas.at("/TrialSummary/properties/phase/enum"))).containsExactly("TUNING", "FINAL");
        assertThat(strings(schemas.at("/ClaimResult/properties/outcome/enum")))
                .contains("PASS", "FAIL", "INCONCLUSIVE", "INSUFFICIENT_DATA");
        assertThat(strings(schemas.at("/ArmSpec/properties/optimizer/enum"))).contains("nesterov", "adam", "lamb");
        // An external trainer has datasets and models of its own: open strings, the built-in ones described.
        assertThat(schemas.at("/WorkloadSpec/properties/dataset/enum").isMissingNode())
                .isTrue();
        assertThat(schemas.at("/WorkloadSpec/properties/dataset/description").asString())
                .contains("fashion-mnist", "synthetic", "an external trainer's");
        assertThat(schemas.at("/WorkloadSpec/properties/trainer/pattern").asString())
                .isEqualTo("^[a-z][a-z0-9_-]{0,39}$");
        assertThat(strings(schemas.at("/CreateToken/properties/role/enum"))).contains("ci", "viewer");
        assertThat(strings(schemas.at("/TrialSummary/required"))).contains("id", "status", "seed");
        assertThat(strings(schemas.at("/TrialSummary/required"))).doesNotContain("testAccuracy");
        assertThat(document.path("openapi").asString()).startsWith("3.0.");
        assertThat(schemas.at("/TrialSummary/properties/testAccuracy/nullable").asBoolean())
                .isTrue();
        assertThat(schemas.at("/ArmReport/properties/best/nullable").asBoolean())
                .isTrue();
        assertThat(schemas.at("/TrialSummary/properties/id/nullable").isMissingNode())
                .isTrue();
        assertThat(strings(schemas.at("/StudySpec/required"))).contains("name", "workload", "arms");
        assertThat(strings(schemas.at("/StudySpec/required"))).doesNotContain("claims", "labels");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
