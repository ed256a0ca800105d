package io.fairtune.service.cluster;

import io.fairtune.contract.catalog.TrainerNames;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which trainers some live worker has. A worker advertises a trainer by running its pool's scheduler, whose node
 * checks in to {@code qrtz_scheduler_state} every check-in interval; a node that has not for {@link #MISSED_CHECKINS}
 * intervals (plus Quartz's own 7.5 s allowance) counts as gone, as Quartz's cluster recovery would judge it.
 */
@Component
public class LiveTrainers {

    static final int MISSED_CHECKINS = 3;

    private final JdbcTemplate jdbc;
    private final String trialsSchedulerName;
    private final Clock clock;

    LiveTrainers(JdbcTemplate jdbc, @Value("${spring.quartz.scheduler-name}") String trialsSchedulerName, Clock clock) {
        this.jdbc = jdbc;
        this.trialsSchedulerName = trialsSchedulerName;
        this.clock = clock;
    }

    /**
     * Why a running study's queued trials cannot start, if that is so: no live worker has its trainer.
     *
     * @param trainer the study's external trainer, null for the built-in one
     */
    public Optional<String> missing(String trainer) {
        Integer live = jdbc.queryForObject(
                "select count(*) from qrtz_scheduler_state where sched_name = ?"
                        + " and last_checkin_time + ? * checkin_interval + 7500 >= ?",
                Integer.class,
                TrainerNames.schedulerName(trialsSchedulerName, trainer),
                MISSED_CHECKINS,
                clock.millis());
        return live != null && live > 0
                ? Optional.empty()
                : Optional.of("waiting: no live worker has " + TrainerNames.describe(trainer));
    }
}
