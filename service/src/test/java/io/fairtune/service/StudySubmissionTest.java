package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Submitting specs over HTTP: rejections are problem details listing every field and store nothing. */
@FairtuneIntegrationTest
class StudySubmissionTest {

    private static final Path DATA_DIR = Path.of(FairtuneIntegrationTest.DATA_DIR);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestApi api;

    @BeforeEach
    void token() throws Exception {
        api = TestApi.local(port, DATA_DIR);
    }

    @Test
    void bothReferenceSpecsAreAccepted() {
        for (String spec : new String[] {"synthetic-smoke.json", "fashion-mnist-large-batch.json"}) {
            HttpResponse<String> response = api.post("/api/v1/studies/plan", SharedExamples.study(spec));
            assertThat(response.statusCode()).as(spec + ": " + response.body()).isEqualTo(200);
        }
    }

    @Test
    void dryRunReturnsThePlannedTrialsAndStoresNothing() {
        long before = studies();
        HttpResponse<String> response =
                api.post("/api/v1/studies/plan", SharedExamples.study("fashion-mnist-large-batch.json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode plan = TestApi.json(response);
        assertThat(plan.path("trials").asInt()).isEqualTo(64);
        assertThat(plan.path("planned")).hasSize(64);
        JsonNode first = plan.path("planned").get(0);
        assertThat(first.path("hyperparameters").path("learning_rate").asDouble())
                .isBetween(0.01, 10.0);
        // 64-bit seeds travel as decimal strings, which no JSON parser rounds.
        assertThat(first.path("seed").isString()).as(first.toString()).isTrue();
        Long.parseLong(first.path("seed").asString());
        // The first version's ?dryRun=true still plans the same trials and stores nothing.
        HttpResponse<String> legacy =
                api.post("/api/v1/studies?dryRun=true", SharedExamples.study("fashion-mnist-large-batch.json"));
        assertThat(legacy.statusCode()).as(legacy.body()).isEqualTo(200);
        assertThat(TestApi.json(legacy)).isEqualTo(plan);
        assertThat(studies()).isEqualTo(before);
    }

    @Test
    void labelsAreStoredShownAndFilterTheList() {
        String main = Specs.smoke()
                .set("", "labels", "{\"branch\": \"main\", \"commit\": \"0a1b2c3\", \"run.url\": \"https://ci/1\"}")
                .json();
        String feature = Specs.smoke()
                .set("", "labels", "{\"branch\": \"feature:lars\", \"commit\": \"0a1b2c3\"}")
                .json();
        HttpResponse<String> first = api.post("/api/v1/studies", main);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        long onMain = TestApi.json(first).path("summary").path("id").asLong();
        assertThat(TestApi.json(first)
                        .path("summary")
                        .path("labels")
                        .path("run.url")
                        .asString())
                .isEqualTo("https://ci/1");
        HttpResponse<String> second = api.post("/api/v1/studies", feature);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        long onFeature = TestApi.json(second).path("summary").path("id").asLong();

        assertThat(ids("/api/v1/studies?label=branch:main&size=500"))
                .contains(onMain)
                .doesNotContain(onFeature);
        // The value is everything after the first colon.
        assertThat(ids("/api/v1/studies?label=branch:feature:lars&size=500")).containsExactly(onFeature);
        assertThat(ids("/api/v1/studies?label=commit:0a1b2c3&label=branch:main&size=500"))
                .containsExactly(onMain);
        assertThat(ids("/api/v1/studies?label=commit:0a1b2c3&size=500")).contains(onMain, onFeature);
        assertThat(ids("/api/v1/studies?label=branch:nowhere")).isEmpty();
        assertThat(api.get("/api/v1/studies/" + onMain + "/report.md").body())
                .contains("Labels: `branch`: main, `commit`: 0a1b2c3, `run.url`: https://ci/1.");

        for (String filter : new String[] {"branch", "Branch:main", ":main", "branch:", "branch:a&label=branch:b"}) {
            HttpResponse<String> rejected = api.get("/api/v1/studies?label=" + filter);
            assertThat(rejected.statusCode()).as(filter).isEqualTo(400);
            assertThat(rejected.body()).contains("\"label\"");
        }
    }

    @Test
    void badLabelsAreFieldErrors() {
        long before = studies();
        String spec = Specs.smoke()
                .set("", "labels", "{\"Branch\": \"main\", \"commit\": 7, \"note\": \"two\\nlines\", \"empty\": \" \"}")
                .json();
        HttpResponse<String> response = api.post("/api/v1/studies", spec);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode errors = TestApi.json(response).path("errors");
        assertThat(errors.findValuesAsString("field"))
                .containsExactlyInAnyOrder("labels.Branch", "labels.commit", "labels.note", "labels.empty");
        assertThat(studies()).isEqualTo(before);
    }

    private java.util.List<Long> ids(String path) {
        JsonNode page = api.getJson(path);
        java.util.List<Long> ids = new java.util.ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }

    @Test
    void aBrokenSpecIsRejectedWithEveryInvalidFieldAndNothingStored() {
        long before = studies();
        String broken = Specs.smoke()
                .set("/arms/1", "optimizer", "\"adagrad\"")
                .set("/arms/0/space/learning_rate", "min", 1.0)
                .set("/arms/0/space/learning_rate", "max", 0.01)
                .trialsPerArm(0)
                .json();
        HttpResponse<String> response = api.post("/api/v1/studies", broken);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = TestApi.json(response);
        assertThat(problem.path("errors").findValuesAsString("field"))
                .contains("arms[1].optimizer", "arms[0].space.learning_rate", "budget.trialsPerArm");
        assertThat(studies()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsABadRequest() {
        HttpResponse<String> response = api.post("/api/v1/studies", "{\"name\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestApi.json(response).path("status").asInt()).isEqualTo(400);
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> response = api.post("/api/v1/studies", huge);
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void unknownStudiesAre404ProblemDetails() {
        HttpResponse<String> response = api.get("/api/v1/studies/987654");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestApi.json(response).path("detail").asString()).contains("987654");
    }

    @Test
    void cancellingAStudyCancelsItsTrialsAndRemovesTheirJobs() {
        HttpResponse<String> created = api.post("/api/v1/studies", SharedExamples.study("synthetic-smoke.json"));
        long id = TestApi.json(created).path("summary").path("id").asLong();
        HttpResponse<String> cancelled = api.post("/api/v1/studies/" + id + "/cancel", "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(TestApi.json(cancelled).path("summary").path("status").asString())
                .isEqualTo("CANCELLED");
        assertThat(jdbc.queryForList("select distinct status from trial where study_id = ?", String.class, id))
                .containsExactly("CANCELLED");
        Integer jobs = jdbc.queryForObject(
                "select count(*) from qrtz_job_details j join trial t on j.job_name = 'trial-' || t.id"
                        + " where t.study_id = ?",
                Integer.class,
                id);
        assertThat(jobs).isZero();
        HttpResponse<String> again = api.post("/api/v1/studies/" + id + "/cancel", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(TestApi.json(again).path("detail").asString()).contains("already CANCELLED");
    }

    @Test
    void theFirstStartWroteBothTokensReadableByTheOwnerOnly() throws Exception {
        for (String file : new String[] {"admin-token", "worker-token"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA_DIR.resolve(file))))
                    .as(file)
                    .isEqualTo("rw-------");
        }
        Long stored = jdbc.queryForObject(
                "select count(*) from api_token where token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')",
                Long.class,
                Files.readString(DATA_DIR.resolve("admin-token")).trim());
        assertThat(stored).as("stored as its SHA-256 only").isEqualTo(1);
    }

    @Test
    void theOpenApiDocumentDescribesTheStudyApi() {
        HttpResponse<String> response = api.get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/studies", "/api/v1/trials/{trialId}/attempts");
    }

    private long studies() {
        Long count = jdbc.queryForObject("select count(*) from study", Long.class);
        return count == null ? 0 : count;
    }
}
