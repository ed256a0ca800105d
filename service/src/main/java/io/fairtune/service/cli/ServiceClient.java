package io.fairtune.service.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API as the command line uses it, embedded or remote alike. Every failure is a {@link CliFailure}: a
 * rejected spec exits 3 with its field errors, anything else the service refuses or cannot answer exits 4.
 */
final class ServiceClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final boolean embedded;

    ServiceClient(URI base, String token) {
        this(base, token, false);
    }

    /** @param embedded a service this command started and stops, whose dashboard is gone after the run */
    ServiceClient(URI base, String token, boolean embedded) {
        this.base = base;
        this.token = token;
        this.embedded = embedded;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    URI base() {
        return base;
    }

    /** Where a user reads the study afterwards. */
    String whereToRead(long studyId) {
        return embedded
                ? "an embedded run (to open it later: --keep DIR, then java -jar fairtune-service.jar"
                        + " --fairtune.data-dir=DIR)"
                : base.resolve("#/studies/" + studyId).toString();
    }

    /** Creates a study and returns its id; a spec the service rejects exits 3, field errors printed to {@code err}. */
    long createStudy(String specJson, String specName, PrintWriter err) {
        HttpResponse<String> response = send(request("/api/v1/studies")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(specJson, StandardCharsets.UTF_8)));
        if (response.statusCode() == 400) {
            JsonNode problem = parse(response);
            JsonNode errors = problem.path("errors");
            for (JsonNode error : errors) {
                String field = error.path("field").asString("");
                err.println(specName + ": " + (field.isEmpty() ? "spec" : field) + ": "
                        + error.path("message").asString(""));
            }
            throw new CliFailure(
                    ExitCodes.SPEC_REJECTED,
                    specName + ": rejected by " + base + ": "
                            + problem.path("detail").asString("bad request"));
        }
        JsonNode created = expect(response, 201);
        return created.path("summary").path("id").asLong();
    }

    JsonNode study(long id) {
        return expect(send(request("/api/v1/studies/" + id).GET()), 200);
    }

    JsonNode cancel(long id) {
        return expect(
                send(request("/api/v1/studies/" + id + "/cancel").POST(HttpRequest.BodyPublishers.noBody())), 200);
    }

    JsonNode report(long id) {
        return expect(send(request("/api/v1/studies/" + id + "/report").GET()), 200);
    }

    String reportMarkdown(long id) {
        HttpResponse<String> response =
                send(request("/api/v1/studies/" + id + "/report.md").GET());
        expect(response, 200);
        return response.body();
    }

    JsonNode createToken(String name, String role) {
        String body = JSON.writeValueAsString(java.util.Map.of("name", name, "role", role));
        return expect(
                send(request("/api/v1/tokens")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))),
                201);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, text/markdown, application/problem+json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliFailure.infrastructure("cannot reach " + base + " (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.infrastructure("interrupted while calling " + built.uri());
        }
    }

    private JsonNode expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            String detail = response.body();
            try {
                JsonNode problem = JSON.readTree(response.body());
                if (problem.has("detail")) {
                    detail = problem.path("title").asString("") + ": "
                            + problem.path("detail").asString("");
                }
            } catch (JacksonException e) {
                // not problem details: the body as it came
            }
            throw CliFailure.infrastructure(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + " " + oneLine(detail));
        }
        return response.headers().firstValue("Content-Type").orElse("").contains("json")
                ? parse(response)
                : JSON.nullNode();
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw CliFailure.infrastructure(response.uri() + " answered " + response.statusCode() + " with no JSON: "
                    + oneLine(response.body()));
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
