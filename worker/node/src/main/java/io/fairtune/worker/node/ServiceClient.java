package io.fairtune.worker.node;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's side of the attempt API. Transient trouble (connection refused, 5xx) is retried with backoff;
 * 409 means the attempt is stale or the trial is finished, and is returned as a plain answer, not an error.
 */
public final class ServiceClient {

    private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);

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

    /** How often and how patiently transient failures are retried. */
    public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {
        public static RetryPolicy standard() {
            return new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(10));
        }
    }

    /** Thrown when the service stayed unreachable through every retry. */
    public static final class ServiceUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ServiceUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Claims the next attempt of a trial; empty when the trial is finished, cancelled or out of attempts. */
    public Optional<TrialAssignment> claim(long trialId, String worker) {
        Response response = post(TrialApiPaths.expand(TrialApiPaths.ATTEMPTS, trialId), new AttemptClaim(worker));
        return response.conflict()
                ? Optional.empty()
                : Optional.of(json.readValue(response.body(), TrialAssignment.class));
    }

    /** Returns false when the attempt is stale. */
    public boolean measurements(long trialId, int attempt, MeasurementBatch batch) {
        return !post(TrialApiPaths.expand(TrialApiPaths.MEASUREMENTS, trialId, attempt), batch)
                .conflict();
    }

    /** Returns false when the attempt is stale. */
    public boolean heartbeat(long trialId, int attempt) {
        return !post(TrialApiPaths.expand(TrialApiPaths.HEARTBEAT, trialId, attempt), null)
                .conflict();
    }

    /** Returns false when the attempt is stale. */
    public boolean result(long trialId, int attempt, TrainingResult result) {
        return !post(TrialApiPaths.expand(TrialApiPaths.RESULT, trialId, attempt), result)
                .conflict();
    }

    /** Returns false when the attempt is stale. */
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
        Duration backoff = retry.firstBackoff();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(baseUri.get().resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token.get())
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(payload))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status < 300 || status == 409) {
                    return new Response(status, response.body());
                }
                if (status < 500 && status != 429) {
                    throw new IllegalStateException("POST " + path + " answered " + status + ": " + response.body());
                }
                last = new IllegalStateException("POST " + path + " answered " + status);
            } catch (IOException e) {
                last = new ServiceUnavailableException("POST " + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException("interrupted during POST " + path, e);
            }
            if (attempt < retry.attempts()) {
                log.debug("Retrying POST {} in {} ms: {}", path, backoff.toMillis(), last.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(retry.maxBackoff()) > 0
                        ? retry.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
        throw new ServiceUnavailableException("service unreachable after " + retry.attempts() + " tries", last);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while waiting to retry", e);
        }
    }
}
