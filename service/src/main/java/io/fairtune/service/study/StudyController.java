package io.fairtune.service.study;

import io.fairtune.service.auth.Caller;
import io.fairtune.service.sampling.PlannedTrial;
import io.fairtune.service.sampling.TrialPlanner;
import io.fairtune.service.spec.FieldError;
import io.fairtune.service.spec.SpecValidationException;
import io.fairtune.service.spec.StudySpec;
import io.fairtune.service.spec.StudySpecParser;
import io.fairtune.service.study.StudyViews.PageOf;
import io.fairtune.service.study.StudyViews.StudyDetail;
import io.fairtune.service.study.StudyViews.StudySummary;
import io.fairtune.service.study.StudyViews.TrialDetail;
import io.fairtune.service.study.StudyViews.TrialSummary;
import io.fairtune.service.trial.TrialPhase;
import io.fairtune.service.trial.TrialStatus;
import io.fairtune.service.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Studies: submit (or dry-run) a spec, follow progress, read every trial, cancel. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "studies", description = "Submit comparison studies and read their trials")
class StudyController {

    private static final int MAX_PAGE_SIZE = 500;

    private final StudyService service;
    private final StudyQueries queries;
    private final int maxRequestBytes;

    StudyController(
            StudyService service, StudyQueries queries, @Value("${fairtune.max-request-bytes}") int maxRequestBytes) {
        this.service = service;
        this.queries = queries;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** What a dry run answers: the trials the study would plan, nothing stored. */
    record DryRun(String name, int trials, List<PlannedTrial> planned) {}

    @PostMapping("/studies")
    @Operation(
            summary = "Submit a study spec (dryRun=true: validate and return the planned trials, store nothing)",
            requestBody = @RequestBody(description = "a study spec, see examples/studies"))
    ResponseEntity<?> create(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun)
            throws IOException {
        String json = readBody(request);
        StudySpec spec;
        try {
            spec = StudySpecParser.parse(json);
        } catch (SpecValidationException e) {
            throw invalid(e.errors());
        }
        if (dryRun) {
            List<PlannedTrial> points = TrialPlanner.plan(spec);
            return ResponseEntity.ok(new DryRun(spec.name(), points.size(), points));
        }
        Study study = service.create(spec, json, Caller.of(request).name());
        return ResponseEntity.created(URI.create("/api/v1/studies/" + study.id()))
                .body(queries.get(study.id()));
    }

    @GetMapping("/studies")
    @Operation(summary = "List studies, newest first")
    PageOf<StudySummary> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return queries.list(checkPage(page), checkSize(size));
    }

    @GetMapping("/studies/{id}")
    @Operation(summary = "A study with its status and per-arm progress")
    StudyDetail get(@PathVariable long id) {
        return queries.get(id);
    }

    @GetMapping("/studies/{id}/trials")
    @Operation(summary = "A study's trials, paged, optionally filtered by arm name, status and phase")
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
    @Operation(summary = "Every trial with every hyperparameter, status and metrics, as CSV")
    ResponseEntity<String> trialsCsv(@PathVariable long id) {
        String csv = TrialsCsv.render(queries.allTrials(id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"study-" + id + "-trials.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv);
    }

    @PostMapping("/studies/{id}/cancel")
    @Operation(summary = "Cancel a study: unfinished trials end CANCELLED, running attempts stop at their next report")
    StudyDetail cancel(@PathVariable long id) {
        queries.study(id);
        service.cancel(id);
        return queries.get(id);
    }

    @GetMapping("/trials/{id}")
    @Operation(summary = "A trial with its hyperparameters, attempts and learning curve")
    TrialDetail trial(@PathVariable long id) {
        return queries.trial(id);
    }

    private String readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxRequestBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxRequestBytes + 1);
            if (body.length > maxRequestBytes) {
                throw tooLarge();
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(
                HttpStatus.CONTENT_TOO_LARGE,
                "Request too large",
                "a study spec may have at most " + maxRequestBytes + " bytes",
                List.of());
    }

    private static ApiProblem invalid(List<FieldError> errors) {
        List<Map<String, String>> fields = errors.stream()
                .map(e -> Map.of("field", e.field(), "message", e.message()))
                .toList();
        return new ApiProblem(
                HttpStatus.BAD_REQUEST,
                "Invalid study spec",
                errors.size() + (errors.size() == 1 ? " field is" : " fields are") + " invalid",
                fields);
    }

    private static int checkPage(int page) {
        if (page < 0) {
            throw ApiProblem.badRequest("page", "must be 0 or more");
        }
        return page;
    }

    private static int checkSize(int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiProblem.badRequest("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return size;
    }
}
