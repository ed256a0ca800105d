package io.fairtune.service.schedule;

import io.fairtune.service.study.api.SpecDocument;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a schedule request as the OpenAPI document gives it; {@link ScheduleRequest} reads the raw JSON.
 *
 * @param cron Quartz's six or seven fields: seconds minutes hours day-of-month month day-of-week [year]
 */
@Schema(name = "ScheduleRequest")
record ScheduleDocument(
        @Schema(maxLength = ScheduleRequest.MAX_NAME_LENGTH) String name,

        @Schema(
                description = "a Quartz cron expression, e.g. \"0 0 2 * * ?\" (02:00 every night); firings"
                        + " at least fairtune.schedules.min-interval (1 minute) apart",
                example = "0 0 2 * * ?")
        String cron,

        @Nullable @Schema(description = "an IANA time zone id the cron is read in; default UTC", example = "UTC")
        String timeZone,

        SpecDocument.StudySpec spec) {}
