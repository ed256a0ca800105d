package io.fairtune.service.schedule;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Every service node runs the schedule scheduler; one that is not running fires no cron trigger. */
@Component("schedulesHealthIndicator")
class SchedulesHealthIndicator implements HealthIndicator {

    private final ScheduleQuartz quartz;

    SchedulesHealthIndicator(ScheduleQuartz quartz) {
        this.quartz = quartz;
    }

    @Override
    public Health health() {
        return quartz.isRunning()
                ? Health.up().build()
                : Health.down().withDetail("scheduler", "not running").build();
    }
}
