package io.fairtune.service.report;

import io.fairtune.service.auth.AllowedRoles;
import io.fairtune.service.auth.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The fairness report of a study, as JSON and as Markdown. */
@RestController
@Tag(name = "reports", description = "What a study proves, with its uncertainty and tuning effort")
class ReportController {

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/studies/{id}/report")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI})
    @Operation(
            operationId = "getReport",
            summary = "Per-arm best points, best-of-k curves, final-phase seeds, comparisons, fairness checks")
    Report report(@PathVariable long id) {
        return reports.report(id);
    }

    @GetMapping(value = "/api/v1/studies/{id}/report.md", produces = "text/markdown")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI})
    @Operation(
            operationId = "getReportMarkdown",
            summary = "The report as Markdown, for a pull request or a paper appendix")
    ResponseEntity<String> markdown(@PathVariable long id) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
                .body(MarkdownReport.render(reports.report(id)));
    }
}
