package io.fairtune.service.trial;

import io.fairtune.contract.protocol.AttemptClaim;
import io.fairtune.contract.protocol.AttemptFailure;
import io.fairtune.contract.protocol.MeasurementBatch;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialApiPaths;
import io.fairtune.contract.protocol.TrialAssignment;
import io.fairtune.service.auth.AllowedRoles;
import io.fairtune.service.auth.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The attempt API workers report through (worker tokens only). Every stale report is answered 409. */
@RestController
@Tag(name = "attempts", description = "Workers claim trials and report curves and results")
class AttemptController {

    private final AttemptService attempts;

    AttemptController(AttemptService attempts) {
        this.attempts = attempts;
    }

    @PostMapping(TrialApiPaths.ATTEMPTS)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(Role.WORKER)
    @Operation(
            operationId = "claimAttempt",
            summary = "Claim the next attempt of a trial (409 when finished, cancelled or out of attempts)")
    TrialAssignment claim(@PathVariable long trialId, @RequestBody AttemptClaim claim) {
        return attempts.claim(trialId, claim).orElseThrow(() -> new TrialNotClaimableException(trialId));
    }

    @PostMapping(TrialApiPaths.MEASUREMENTS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AllowedRoles(Role.WORKER)
    @Operation(
            operationId = "reportMeasurements",
            summary = "Append learning-curve points; a re-sent step is stored once, a changed one is a 409")
    void measurements(@PathVariable long trialId, @PathVariable int attempt, @RequestBody MeasurementBatch batch) {
        attempts.measurements(trialId, attempt, batch);
    }

    @PostMapping(TrialApiPaths.HEARTBEAT)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AllowedRoles(Role.WORKER)
    @Operation(operationId = "heartbeat", summary = "Tell the service the attempt is alive")
    void heartbeat(@PathVariable long trialId, @PathVariable int attempt) {
        attempts.heartbeat(trialId, attempt);
    }

    @PostMapping(TrialApiPaths.RESULT)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AllowedRoles(Role.WORKER)
    @Operation(
            operationId = "reportResult",
            summary = "Report the outcome (SUCCEEDED or DIVERGED) and final metrics; a changed replay is a 409")
    void result(@PathVariable long trialId, @PathVariable int attempt, @RequestBody TrainingResult result) {
        attempts.result(trialId, attempt, result);
    }

    @PostMapping(TrialApiPaths.FAILURE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AllowedRoles(Role.WORKER)
    @Operation(operationId = "reportFailure", summary = "Report a training error; the trial ends FAILED")
    void failure(@PathVariable long trialId, @PathVariable int attempt, @RequestBody AttemptFailure failure) {
        attempts.failure(trialId, attempt, failure);
    }
}
