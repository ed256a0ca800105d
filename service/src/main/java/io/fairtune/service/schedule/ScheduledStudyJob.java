package io.fairtune.service.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** A schedule's cron trigger fired: start its study, unless the previous one still runs. */
@DisallowConcurrentExecution
public class ScheduledStudyJob implements Job {

    static final String GROUP = "study-schedules";
    static final String SCHEDULE_ID = "scheduleId";

    private final StudySchedules schedules;

    public ScheduledStudyJob(StudySchedules schedules) {
        this.schedules = schedules;
    }

    static String jobName(long scheduleId) {
        return "schedule-" + scheduleId;
    }

    @Override
    public void execute(JobExecutionContext context) {
        schedules.fire(Long.parseLong(context.getMergedJobDataMap().getString(SCHEDULE_ID)));
    }
}
