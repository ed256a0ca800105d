package io.fairtune.service.schedule;

import io.fairtune.service.report.Report.ClaimOutcome;
import io.fairtune.service.study.StudyStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the schedule API returns. */
public final class ScheduleViews {

    private ScheduleViews() {}

    /**
     * @param cron a Quartz cron expression, evaluated in {@code timeZone}
     * @param nextFireAt when the trigger fires next; null while paused
     * @param spec the study spec each firing submits, with the label {@code schedule=<id>} added
     */
    public record ScheduleView(
            long id,
            String name,
            String cron,
            String timeZone,
            boolean paused,
            String createdBy,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime nextFireAt,
            Map<String, Object> spec) {}

    /** What a firing did. */
    public enum RunOutcome {
        /** A study was stored and queued. */
        STARTED,
        /** The previous study of the schedule was still running: no second one was started beside it. */
        SKIPPED_RUNNING,
        /** The spec no longer validates against the workers' catalogs; the message says why. */
        SPEC_INVALID
    }

    /** A claim of a run's study, judged as its report judges it now (provisional until the study completed). */
    public record ClaimPoint(
            String statement,
            ClaimOutcome outcome,
            @Nullable Double estimate,
            @Nullable Double lower,
            @Nullable Double upper) {}

    public record RunView(
            long id,
            OffsetDateTime firedAt,
            RunOutcome outcome,
            @Nullable String message,
            @Nullable Long studyId,
            @Nullable StudyStatus studyStatus,
            List<ClaimPoint> claims) {}

    /**
     * @param runs the newest firings, oldest first, so a trend reads left to right
     */
    public record ScheduleDetail(ScheduleView schedule, List<RunView> runs) {}
}
