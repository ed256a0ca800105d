package io.fairtune.service.trial;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database, so every service replica reports the cluster's state, not its own: trials by
 * phase and status, the queue of each running study, and per worker the age of its newest heartbeat and its
 * training speed over the last hour. Refreshed every {@code fairtune.metrics.refresh-interval}.
 */
@Component
class TrialGauges {

    private final JdbcTemplate jdbc;
    private final MultiGauge trials;
    private final MultiGauge queueDepth;
    private final MultiGauge heartbeatAge;
    private final MultiGauge samplesPerSecond;

    TrialGauges(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.trials = MultiGauge.builder("fairtune.trials")
                .description("trials by phase and status")
                .register(registry);
        this.queueDepth = MultiGauge.builder("fairtune.queue.depth")
                .description("queued trials of each running study")
                .register(registry);
        this.heartbeatAge = MultiGauge.builder("fairtune.worker.heartbeat.age")
                .description("seconds since the newest heartbeat of each worker slot with a running attempt")
                .baseUnit("seconds")
                .register(registry);
        this.samplesPerSecond = MultiGauge.builder("fairtune.worker.samples.per.second")
                .description("mean training speed of each worker slot's attempts that ended in the last hour")
                .register(registry);
        refresh();
    }

    @Scheduled(
            fixedDelayString = "${fairtune.metrics.refresh-interval}",
            initialDelayString = "${fairtune.metrics.refresh-interval}")
    void refresh() {
        trials.register(
                jdbc.query(
                        "select phase, status, count(*) as n from trial group by phase, status",
                        (rs, i) -> MultiGauge.Row.of(
                                Tags.of("phase", rs.getString("phase"), "status", rs.getString("status")),
                                rs.getLong("n"))),
                true);
        queueDepth.register(
                jdbc.query(
                        "select t.study_id, count(*) filter (where t.status = 'QUEUED') as n from trial t join study s"
                                + " on s.id = t.study_id where s.status in ('TUNING', 'FINAL_PHASE')"
                                + " group by t.study_id",
                        (rs, i) -> MultiGauge.Row.of(
                                Tags.of("study", Long.toString(rs.getLong("study_id"))), rs.getLong("n"))),
                true);
        heartbeatAge.register(
                rows("select worker, extract(epoch from now() - max(last_heartbeat_at)) as v from attempt"
                        + " where status = 'RUNNING' group by worker"),
                true);
        samplesPerSecond.register(
                rows("select a.worker, avg(t.samples_per_second) as v from attempt a join trial t on t.id = a.trial_id"
                        + " where a.finished_at > now() - interval '1 hour' and a.number = t.attempts"
                        + " and t.samples_per_second is not null group by a.worker"),
                true);
    }

    private List<MultiGauge.Row<?>> rows(String sql) {
        return jdbc.query(
                sql, (rs, i) -> MultiGauge.Row.of(Tags.of("worker", rs.getString("worker")), rs.getDouble("v")));
    }
}
