package io.fairtune.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deny by default, tried the way an attacker would: every endpoint through encodings and path variants, without a
 * token and with each wrong role's token; then every role against every endpoint, where the allowed calls must
 * succeed and the others must be refused. The endpoint table below is the specification, written independently of
 * the {@code @AllowedRoles} the service builds its rules from.
 */
@FairtuneIntegrationTest
class AccessControlTest {

    enum Role {
        ADMIN,
        RESEARCHER,
        VIEWER,
        CI,
        WORKER
    }

    private static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI);
    private static final Set<Role> CREATORS = EnumSet.of(Role.ADMIN, Role.RESEARCHER, Role.CI);
    private static final Set<Role> WORKERS = EnumSet.of(Role.WORKER);
    private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);
    private static final Set<Role> SCHEDULERS = EnumSet.of(Role.ADMIN, Role.RESEARCHER);
    private static final Set<Role> MONITORS = EnumSet.of(Role.ADMIN, Role.VIEWER);

    record Endpoint(String method, String path, Set<Role> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/studies", READERS),
            new Endpoint("POST", "/api/v1/studies", CREATORS),
            new Endpoint("POST", "/api/v1/studies/plan", CREATORS),
            new Endpoint("GET", "/api/v1/studies/{study}", READERS),
            new Endpoint("GET", "/api/v1/studies/{study}/trials", READERS),
            new Endpoint("GET", "/api/v1/studies/{study}/trials.csv", READERS),
            new Endpoint("GET", "/api/v1/studies/{study}/report", READERS),
            new Endpoint("GET", "/api/v1/studies/{study}/report.md", READERS),
            new Endpoint("POST", "/api/v1/studies/{study}/cancel", CREATORS),
            new Endpoint("GET", "/api/v1/trials/{trial}", READERS),
            new Endpoint("GET", "/api/v1/templates", READERS),
            new Endpoint("GET", "/api/v1/workers", READERS),
            new Endpoint("POST", "/api/v1/trials/{trial}/attempts", WORKERS),
            new Endpoint("POST", "/api/v1/trials/{trial}/attempts/{attempt}/measurements", WORKERS),
            new Endpoint("POST", "/api/v1/trials/{trial}/attempts/{attempt}/heartbeat", WORKERS),
            new Endpoint("POST", "/api/v1/trials/{trial}/attempts/{attempt}/result", WORKERS),
            new Endpoint("POST", "/api/v1/trials/{trial}/attempts/{attempt}/failure", WORKERS),
            new Endpoint("GET", "/api/v1/tokens", ADMINS),
            new Endpoint("POST", "/api/v1/tokens", ADMINS),
            new Endpoint("GET", "/api/v1/tokens/{token}", ADMINS),
            new Endpoint("DELETE", "/api/v1/tokens/{token}", ADMINS),
            new Endpoint("GET", "/api/v1/schedules", READERS),
            new Endpoint("POST", "/api/v1/schedules", SCHEDULERS),
            new Endpoint("GET", "/api/v1/schedules/{schedule}", READERS),
            new Endpoint("POST", "/api/v1/schedules/{schedule}/pause", SCHEDULERS),
            new Endpoint("POST", "/api/v1/schedules/{schedule}/resume", SCHEDULERS),
            new Endpoint("DELETE", "/api/v1/schedules/{schedule}", SCHEDULERS),
            new Endpoint("GET", "/actuator/prometheus", MONITORS));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestApi admin;
    final Map<Role, String> tokens = new EnumMap<>(Role.class);

    @BeforeEach
    void admin() throws Exception {
        admin = TestApi.local(port, Path.of(FairtuneIntegrationTest.DATA_DIR));
    }

    /** The first start wrote the admin and worker tokens; the other roles' tokens are made by the admin. */
    private String token(Role role) {
        return tokens.computeIfAbsent(role, r -> switch (r) {
            case ADMIN -> admin.token();
            case WORKER -> AttemptReports.workerToken();
            default -> AttemptReports.createToken(admin, r.name().toLowerCase()).secret();
        });
    }

    /** The paths of one endpoint as an attacker spells them: encoded, denormalized, parametrized, re-cased. */
    static List<String> variants(String path) {
        return List.of(
                path,
                path.replaceFirst("/api/", "/%61pi/"),
                path.replaceFirst("/api/", "/ap%69/"),
                path.replaceFirst("/v1/", "/%76%31/"),
                "/" + path,
                path.replaceFirst("/api/", "/api//"),
                path.replaceFirst("/api/", "/api/./"),
                path.replaceFirst("/api/", "/api/v1/../"),
                path.replaceFirst("/api/", "/api%2f"),
                path + ";jsessionid=x",
                path.replaceFirst("/api/", "/api;a=b/"),
                path.toUpperCase(),
                path.replaceFirst("/api/", "/Api/"),
                path + "/",
                path + "%20",
                path.replace("/", "\\"));
    }

    @Test
    void noEndpointAnswersWithoutATokenWhateverThePathLooksLike() {
        long[] before = rowCounts();
        List<String> answered = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            String path = concrete(endpoint.path());
            for (String target : variants(path)) {
                for (String method : List.of(endpoint.method(), "HEAD", "OPTIONS")) {
                    RawHttp.Response response = RawHttp.send(port, method, target, null, body(endpoint));
                    if (response.status() != 400 && response.status() != 401) {
                        answered.add(method + " " + target + " -> " + response.status());
                    }
                }
            }
        }
        assertThat(answered)
                .as("requests without a token that were not refused")
                .isEmpty();
        assertThat(rowCounts())
                .as("rows of study, trial, attempt, measurement, api_token")
                .containsExactly(before);
    }

    @Test
    void noEndpointAnswersTheWrongRoleWhateverThePathLooksLike() {
        for (Role role : Role.values()) {
            token(role);
        }
        long[] before = rowCounts();
        List<String> answered = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            String path = concrete(endpoint.path());
            for (Role role : EnumSet.complementOf(EnumSet.copyOf(endpoint.allowed()))) {
                for (String target : variants(path)) {
                    for (String method : List.of(endpoint.method(), "HEAD", "OPTIONS")) {
                        if (method.equals("HEAD") && readableBy(endpoint.path(), role)) {
                            continue; // HEAD of a path is the GET of that path, which this role may call
                        }
                        RawHttp.Response response = RawHttp.send(port, method, target, token(role), body(endpoint));
                        if (response.status() != 400 && response.status() != 403) {
                            answered.add(role + " " + method + " " + target + " -> " + response.status());
                        }
                    }
                }
            }
        }
        assertThat(answered)
                .as("requests by a role the endpoint does not admit that were not refused")
                .isEmpty();
        assertThat(rowCounts()).containsExactly(before);
    }

    @Test
    void everyRoleMayCallExactlyItsEndpoints() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Role role : Role.values()) {
                boolean allowed = endpoint.allowed().contains(role);
                String path = allowed ? prepare(endpoint, role) : concrete(endpoint.path());
                RawHttp.Response response = RawHttp.send(port, endpoint.method(), path, token(role), body(endpoint));
                boolean ok = allowed ? response.status() / 100 == 2 : response.status() == 403;
                if (!ok) {
                    wrong.add(role + " " + endpoint + " -> " + response.status() + " " + response.body());
                }
            }
        }
        assertThat(wrong)
                .as("calls answered other than 2xx (allowed) or 403 (denied)")
                .isEmpty();
    }

    @Test
    void refusalsAreProblemDetailsWithABearerChallenge() {
        RawHttp.Response none = RawHttp.send(port, "GET", "/api/v1/studies", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(TestApi.JSON.readTree(none.body()).path("type").asString()).isEqualTo("/problems/unauthorized");

        RawHttp.Response forged = RawHttp.send(port, "GET", "/api/v1/studies", "ft_forged", null);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.header("WWW-Authenticate")).contains("invalid_token");

        RawHttp.Response denied = RawHttp.send(port, "GET", "/api/v1/studies", token(Role.WORKER), null);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(TestApi.JSON.readTree(denied.body()).path("type").asString()).isEqualTo("/problems/forbidden");
        assertThat(TestApi.JSON.readTree(denied.body()).path("detail").asString())
                .contains("worker token");
    }

    @Test
    void responsesCarryHardeningHeaders() {
        for (RawHttp.Response api : List.of(
                RawHttp.send(port, "GET", "/api/v1/studies", token(Role.ADMIN), null),
                RawHttp.send(port, "GET", "/api/v1/studies", null, null))) {
            assertThat(api.header("Cache-Control")).contains("no-store");
            assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        RawHttp.Response page = RawHttp.send(port, "GET", "/", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theDashboardTheApiDocumentAndTheHealthProbesArePublicAndNothingElse() {
        for (String path : List.of(
                "/",
                "/index.html",
                "/js/app.js",
                "/css/app.css",
                "/favicon.svg",
                "/v3/api-docs",
                "/actuator/health",
                "/actuator/health/liveness",
                "/actuator/health/readiness")) {
            assertThat(RawHttp.send(port, "GET", path, null, null).status())
                    .as(path)
                    .isEqualTo(200);
        }
        for (String path : List.of(
                "/error",
                "/actuator",
                "/actuator/prometheus",
                "/actuator/metrics",
                "/actuator/env",
                "/actuator/health/../env",
                "/secret.txt",
                "/api",
                "/api/v2/x")) {
            assertThat(RawHttp.send(port, "GET", path, null, null).status())
                    .as(path)
                    .isIn(400, 401);
        }
    }

    private static boolean readableBy(String path, Role role) {
        return ENDPOINTS.stream()
                .anyMatch(e -> e.method().equals("GET")
                        && e.path().equals(path)
                        && e.allowed().contains(role));
    }

    /** A concrete path for denial probes: ids that need not exist, since nothing may reach the handler. */
    private static String concrete(String template) {
        return template.replace("{study}", "1")
                .replace("{trial}", "1")
                .replace("{attempt}", "1")
                .replace("{token}", "1")
                .replace("{schedule}", "1");
    }

    /** What each write endpoint needs in its body to succeed when its caller may call it. */
    private static String body(Endpoint endpoint) {
        String path = endpoint.path();
        if (!endpoint.method().equals("POST")) {
            return null;
        }
        if (path.equals("/api/v1/studies") || path.equals("/api/v1/studies/plan")) {
            return SharedExamples.study("synthetic-smoke.json");
        }
        if (path.equals("/api/v1/schedules")) {
            return schedule();
        }
        if (path.equals("/api/v1/tokens")) {
            return "{\"name\":\"matrix-" + UUID.randomUUID() + "\",\"role\":\"viewer\"}";
        }
        if (path.endsWith("/attempts")) {
            return "{\"worker\":\"matrix-node/slot-1\"}";
        }
        if (path.endsWith("/measurements")) {
            return "{\"measurements\":[{\"step\":10,\"trainLoss\":1.5,\"validationLoss\":1.4,"
                    + "\"validationAccuracy\":0.5,\"learningRate\":0.1,\"elapsedSeconds\":1.0}]}";
        }
        if (path.endsWith("/result")) {
            return AttemptReports.result("SUCCEEDED", 40, 0.9);
        }
        if (path.endsWith("/failure")) {
            return "{\"message\":\"matrix failure\",\"cause\":null}";
        }
        return "{}";
    }

    /** Sets up what a call needs to succeed (a study of the caller's, a claimed attempt) and returns its path. */
    private String prepare(Endpoint endpoint, Role role) {
        String template = endpoint.path();
        if (template.contains("{schedule}")) {
            HttpResponse<String> created = admin.post("/api/v1/schedules", schedule());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return template.replace(
                    "{schedule}", Long.toString(TestApi.json(created).path("id").asLong()));
        }
        if (template.contains("{token}")) {
            return template.replace(
                    "{token}",
                    Long.toString(AttemptReports.createToken(admin, "viewer").id()));
        }
        if (template.contains("{attempt}")) {
            long trial = queuedTrial(submit(Role.ADMIN));
            AttemptReports.claim(admin.withToken(token(Role.WORKER)), trial, "matrix-node/slot-1");
            return template.replace("{trial}", Long.toString(trial)).replace("{attempt}", "1");
        }
        if (template.contains("{trial}")) {
            return template.replace("{trial}", Long.toString(queuedTrial(submit(Role.ADMIN))));
        }
        if (template.contains("{study}")) {
            // A ci token may cancel only its own studies: give it one it created.
            Role creator = template.endsWith("/cancel") && role == Role.CI ? Role.CI : Role.ADMIN;
            return template.replace("{study}", Long.toString(submit(creator)));
        }
        return template;
    }

    /** A nightly schedule: it never fires while the suite runs. */
    private static String schedule() {
        return "{\"name\": \"matrix\", \"cron\": \"0 0 2 * * ?\", \"spec\": "
                + SharedExamples.study("synthetic-smoke.json") + "}";
    }

    private long submit(Role role) {
        HttpResponse<String> created =
                admin.withToken(token(role)).post("/api/v1/studies", SharedExamples.study("synthetic-smoke.json"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestApi.json(created).path("summary").path("id").asLong();
    }

    private long queuedTrial(long study) {
        return jdbc.queryForObject(
                "select min(id) from trial where study_id = ? and status = 'QUEUED'", Long.class, study);
    }

    private long[] rowCounts() {
        return List.of("study", "trial", "attempt", "measurement", "api_token").stream()
                .mapToLong(table -> jdbc.queryForObject("select count(*) from " + table, Long.class))
                .toArray();
    }
}
