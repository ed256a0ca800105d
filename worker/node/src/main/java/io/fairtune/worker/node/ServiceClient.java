package io.fairtune.worker.node;

import io.fairtune.contract.protocol.AttemptApi;
import io.fairtune.contract.protocol.AttemptClaim;
import io.fairtune.contract.protocol.AttemptFailure;
import io.fairtune.contract.protocol.MeasurementBatch;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialApiPaths;
import io.fairtune.contract.protocol.TrialAssignment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The attempt API over HTTP, for a worker process. Transient trouble (connection refused, 5xx, 429) is retried with
 * backoff; 409 means the attempt is stale or the trial is finished, and is returned as a plain answer, not an error.
 */
public final class ServiceClient implements AttemptApi {

    private final Supplier<URI> baseUri;
    private final Supplier<String> token;
    private final JsonMapper json;
    private final HttpClient http;
    private final RetryPolicy retry;

    public ServiceClient(Supplier<URI> baseUri, Supplier<String> token, JsonMapper json, RetryPolicy retry) {
        this.baseUri = baseUri;
        this.token = token;
        this.json = json;
        this.retry = retry;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public Optional<TrialAssignment> claim(long trialId, String worker) {
        Response response = post(TrialApiPaths.expand(TrialApiPaths.ATTEMPTS, trialId), new AttemptClaim(worker));
        return response.conflict()
                ? Optional.empty()
                : Optional.of(json.readValue(response.body(), TrialAssignment.class));
    }

    @Override
    public boolean measurements(long trialId, int attempt, MeasurementBatch batch) {
        return !post(TrialApiPaths.expand(TrialApiPaths.MEASUREMENTS, trialId, attempt), batch)
                .conflict();
    }

    @Override
    public boolean heartbeat(long trialId, int attempt) {
        return !post(TrialApiPaths.expand(TrialApiPaths.HEARTBEAT, trialId, attempt), null)
                .conflict();
    }

    @Override
    public boolean result(long trialId, int attempt, TrainingResult result) {
        return !post(TrialApiPaths.expand(TrialApiPaths.RESULT, trialId, attempt), result)
                .conflict();
    }

    @Override
    public boolean failure(long trialId, int attempt, AttemptFailure failure) {
        return !post(TrialApiPaths.expand(TrialApiPaths.FAILURE, trialId, attempt), failure)
                .conflict();
    }

    private record Response(int status, String body) {
        boolean conflict() {
            return status == 409;
        }
    }

    private Response post(String path, Object body) {
        String payload = body == null ? "{}" : json.writeValueAsString(body);
        return retry.run("POST " + path, () -> {
            HttpRequest request = HttpRequest.newBuilder(baseUri.get().resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token.get())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new TransientFailure("POST " + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException("interrupted during POST " + path, e);
            }
            int status = response.statusCode();
            if (status < 300 || status == 409) {
                return new Response(status, response.body());
            }
            if (status < 500 && status != 429) {
                throw new IllegalStateException("POST " + path + " answered " + status + ": " + response.body());
            }
            throw new TransientFailure("POST " + path + " answered " + status, null);
        });
    }
}
