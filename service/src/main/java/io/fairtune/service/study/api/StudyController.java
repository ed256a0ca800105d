package io.fairtune.service.study.api;

import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.service.auth.AllowedRoles;
import io.fairtune.service.auth.Caller;
import io.fairtune.service.auth.Role;
import io.fairtune.service.problem.InvalidRequestException;
import io.fairtune.service.sampling.PlannedTrial;
import io.fairtune.service.sampling.TrialPlanner;
import io.fairtune.service.spec.Labels;
import io.fairtune.service.spec.StudySpec;
import io.fairtune.service.spec.StudySpecParser;
import io.fairtune.service.study.Study;
import io.fairtune.service.study.api.StudyViews.PageOf;
import io.fairtune.service.study.api.StudyViews.StudyDetail;
import io.fairtune.service.study.api.StudyViews.StudySummary;
import io.fairtune.service.study.api.StudyViews.TrialDetail;
import io.fairtune.service.study.api.StudyViews.TrialSummary;
import io.fairtune.service.trial.TrialPhase;
import io.fairtune.service.trial.TrialStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;

/** Studies: submit (or dry-run) a spec, follow progress, read every trial, cancel. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "studies", description = "Submit comparison studies and read their trials")
class StudyController {

    private static final int MAX_PAGE_SIZE = 500;

    private final StudyService service;
    private final StudyQueries queries;
    private final OptimizerRegistry optimizers;

    StudyController(StudyService service, StudyQueries queries, OptimizerRegistry optimizers) {
        this.service = service;
        this.queries = queries;
        this.optimizers = optimizers;
    }

    /** What a dry run answers: the trials the study would plan, nothing stored. */
    record DryRun(String name, int trials, List<PlannedTrialView> planned) {

        static DryRun of(StudySpec spec, List<PlannedTrial> points) {
            return new DryRun(
                    spec.name(),
                    points.size(),
                    points.stream().map(PlannedTrialView::of).toList());
        }
    }

    /**
     * @param seed weight initialization and data order; equal for equal sample indices across arms
     * @param hyperparameters every effective value the worker would train with
     */
    record PlannedTrialView(
            String arm,
            int sampleIndex,

            @JsonSerialize(using = ToStringSerializer.class)
            @Schema(implementation = String.class, format = "int64", description = StudyViews.SEED_TEXT)
            long seed,

            Map<String, Object> hyperparameters) {

        static PlannedTrialView of(PlannedTrial trial) {
            return new PlannedTrialView(
                    trial.arm(),
                    trial.sampleIndex(),
                    trial.seed(),
                    trial.hyperparameters().asMap());
        }
    }

    private static final String SPEC_BODY = "a study spec; see examples/studies. Every error is reported at once, as"
            + " field errors of a /problems/spec-invalid problem";

    @PostMapping("/studies")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.CI})
    @Operation(
            operationId = "createStudy",
            summary = "Submit a study spec: validated, planned, stored and queued (POST /studies/plan is the dry run)",
            requestBody =
                    @RequestBody(
                            required = true,
                            description = SPEC_BODY,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = SpecDocument.StudySpec.class))),
            responses =
                    @ApiResponse(
                            responseCode = "201",
                            description = "stored and queued; Location names the new study",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = StudyDetail.class))))
    ResponseEntity<?> create(
            @Parameter(hidden = true) HttpServletRequest request,
            // The dry run of the first API version, kept for its callers; documented as POST /studies/plan, whose
            // one answer type a generated client can bind.
            @Parameter(hidden = true) @RequestParam(defaultValue = "false") boolean dryRun,
            @AuthenticationPrincipal Caller caller)
            throws IOException {
        String json = body(request);
        StudySpec spec = StudySpecParser.parse(json, optimizers);
        if (dryRun) {
            return ResponseEntity.ok(DryRun.of(spec, TrialPlanner.plan(spec, optimizers)));
        }
        Study study = service.create(spec, json, new StudyService.Creator(caller.name(), caller.tokenId()));
        return ResponseEntity.created(URI.create("/api/v1/studies/" + study.id()))
                .body(queries.get(study.id()));
    }

    @PostMapping("/studies/plan")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.CI})
    @Operation(
            operationId = "planStudy",
            summary = "Dry run: validate a study spec and return the trials it would plan; nothing is stored",
            requestBody =
                    @RequestBody(
                            required = true,
                            description = SPEC_BODY,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = SpecDocument.StudySpec.class))))
    DryRun plan(@Parameter(hidden = true) HttpServletRequest request) throws IOException {
        StudySpec spec = StudySpecParser.parse(body(request), optimizers);
        return DryRun.of(spec, TrialPlanner.plan(spec, optimizers));
    }

    /** The raw spec, so the parser can report every error with its path; RequestSizeLimitFilter bounds its size. */
    private static String body(HttpServletRequest request) throws IOException {
        return new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @GetMapping("/studies")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI})
    @Operation(
            operationId = "listStudies",
            summary = "List studies, newest first, optionally only those carrying every label given")
    PageOf<StudySummary> list(
            @Parameter(description = "key:value, e.g. branch:main; repeat it to require several labels")
                    @RequestParam(name = "label", required = false)
                    List<String> label,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return queries.list(labelFilter(label), checkPage(page), checkSize(size));
    }

    private static Map<String, String> labelFilter(List<String> filters) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String filter : filters == null ? List.<String>of() : filters) {
            int colon = filter.indexOf(':');
            String key = colon < 0 ? filter : filter.substring(0, colon);
            if (colon < 0 || !Labels.KEY.matcher(key).matches() || !Labels.isValue(filter.substring(colon + 1))) {
                throw new InvalidRequestException("label", "must be key:value with a label key such as branch:main");
            }
            String previous = labels.put(key, filter.substring(colon + 1));
            if (previous != null) {
                throw new InvalidRequestException("label", "names '" + key + "' twice; a study has one value per key");
            }
        }
        return labels;
    }

    @GetMapping("/studies/{id}")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI})
    @Operation(operationId = "getStudy", summary = "A study with its status and per-arm progress")
    StudyDetail get(@PathVariable long id) {
        return queries.get(id);
    }

    @GetMapping("/studies/{id}/trials")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI})
    @Operation(
            operationId = "listTrials",
            summary = "A study's trials, paged, optionally filtered by arm name, status and phase")
    PageOf<TrialSummary> trials(
            @PathVariable long id,
            @Parameter(description = "arm name") @RequestParam(required = false) String arm,
            @RequestParam(required = false) TrialStatus status,
            @Parameter(description = "TUNING or FINAL") @RequestParam(required = false) TrialPhase phase,
            @Parameter(description = "field,asc|desc, e.g. bestValAccuracy,desc") @RequestParam(required = false)
                    String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return queries.trials(id, arm, status, phase, sort, checkPage(page), checkSize(size));
    }

    @GetMapping(value = "/studies/{id}/trials.csv", produces = "text/csv")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI})
    @Operation(
            operationId = "getTrialsCsv",
            summary = "Every trial with every hyperparameter, status and metrics, as CSV")
    ResponseEntity<String> trialsCsv(@PathVariable long id) {
        String csv = TrialsCsv.render(queries.allTrials(id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"study-" + id + "-trials.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv);
    }

    @PostMapping("/studies/{id}/cancel")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.CI})
    @Operation(
            operationId = "cancelStudy",
            summary = "Cancel a study: unfinished trials end CANCELLED, running attempts stop at their next report"
                    + " (a ci token cancels only the studies it created)")
    StudyDetail cancel(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
        queries.study(id);
        service.cancel(id, caller.role() == Role.CI ? caller.tokenId() : null);
        return queries.get(id);
    }

    @GetMapping("/trials/{id}")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI})
    @Operation(operationId = "getTrial", summary = "A trial with its hyperparameters, attempts and learning curve")
    TrialDetail trial(@PathVariable long id) {
        return queries.trial(id);
    }

    private static int checkPage(int page) {
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        return page;
    }

    private static int checkSize(int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return size;
    }
}
