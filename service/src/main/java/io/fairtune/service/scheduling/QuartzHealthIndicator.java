package io.fairtune.service.scheduling;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The trial scheduler's job store answers (it shares the database, and a node that cannot read it can neither
 * queue nor run trials). A schedule-only node never starts this scheduler, so "not started" is healthy; a shut
 * down one is not.
 */
@Component("quartzHealthIndicator")
class QuartzHealthIndicator implements HealthIndicator {

    private final Scheduler scheduler;

    QuartzHealthIndicator(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Health health() {
        try {
            if (scheduler.isShutdown()) {
                return Health.down()
                        .withDetail("scheduler", scheduler.getSchedulerName() + " is shut down")
                        .build();
            }
            int groups = scheduler.getJobGroupNames().size();
            return Health.up()
                    .withDetail("scheduler", scheduler.getSchedulerName())
                    .withDetail("runsTrials", scheduler.isStarted() && !scheduler.isInStandbyMode())
                    .withDetail("jobGroups", groups)
                    .build();
        } catch (SchedulerException e) {
            return Health.down(e).build();
        }
    }
}
