package io.fairtune.service.schedule;

import io.fairtune.service.auth.AllowedRoles;
import io.fairtune.service.auth.Caller;
import io.fairtune.service.auth.Role;
import io.fairtune.service.schedule.ScheduleViews.ScheduleDetail;
import io.fairtune.service.schedule.ScheduleViews.ScheduleView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Study schedules: a spec run on a cron (a nightly check), and the claim outcomes of its runs over time. */
@RestController
@RequestMapping("/api/v1/schedules")
@Tag(name = "schedules", description = "Studies that run on a cron schedule, and their claims over time")
class ScheduleController {

    private final StudySchedules schedules;

    ScheduleController(StudySchedules schedules) {
        this.schedules = schedules;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER})
    @Operation(
            operationId = "createSchedule",
            summary = "Run a study spec on a Quartz cron schedule; each firing starts a study labelled schedule=<id>"
                    + " unless the previous one still runs",
            requestBody =
                    @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = ScheduleDocument.class))))
    ResponseEntity<ScheduleView> create(
            @Parameter(hidden = true) HttpServletRequest request, @AuthenticationPrincipal Caller caller)
            throws IOException {
        // Read raw, so the spec is stored as submitted and its errors carry their paths.
        String json = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ScheduleView created = schedules.create(json, new StudySchedules.Owner(caller.name(), caller.tokenId()));
        return ResponseEntity.created(URI.create("/api/v1/schedules/" + created.id()))
                .body(created);
    }

    @GetMapping
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI})
    @Operation(operationId = "listSchedules", summary = "Every schedule with its next firing")
    List<ScheduleView> list() {
        return schedules.list();
    }

    @GetMapping("/{id}")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI})
    @Operation(
            operationId = "getSchedule",
            summary = "A schedule and its last " + StudySchedules.HISTORY
                    + " firings, oldest first, each with its study's claim outcomes")
    ScheduleDetail get(@PathVariable long id) {
        return schedules.detail(id);
    }

    @PostMapping("/{id}/pause")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER})
    @Operation(operationId = "pauseSchedule", summary = "Stop firing until resumed")
    ScheduleView pause(@PathVariable long id) {
        return schedules.pause(id, true);
    }

    @PostMapping("/{id}/resume")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER})
    @Operation(operationId = "resumeSchedule", summary = "Fire again from the next time the cron names")
    ScheduleView resume(@PathVariable long id) {
        return schedules.pause(id, false);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER})
    @Operation(
            operationId = "deleteSchedule",
            summary = "Delete a schedule and its history; the studies it started stay, with their label")
    void delete(@PathVariable long id) {
        schedules.delete(id);
    }
}
