package io.fairtune.service.cluster;

import io.fairtune.service.auth.AllowedRoles;
import io.fairtune.service.auth.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cluster as users see it: Quartz nodes that checked in, and worker slots with the attempts they run.
 * Read from Quartz's state table and the attempt table, so it needs nothing from the workers themselves.
 */
@RestController
@Tag(name = "workers", description = "Worker nodes and what they run")
class WorkerController {

    private final JdbcTemplate jdbc;
    private final String schedulerName;

    WorkerController(JdbcTemplate jdbc, @Value("${spring.quartz.scheduler-name}") String schedulerName) {
        this.jdbc = jdbc;
        this.schedulerName = schedulerName;
    }

    record Node(String instance, Instant lastCheckin, long checkinIntervalMillis) {}

    record RunningAttempt(
            long trialId,
            long studyId,
            String studyName,
            String arm,
            int attempt,
            @Nullable OffsetDateTime startedAt,
            @Nullable OffsetDateTime lastHeartbeatAt) {}

    record Worker(String name, OffsetDateTime lastSeen, List<RunningAttempt> running) {}

    record Cluster(List<Node> nodes, List<Worker> workers) {}

    @GetMapping("/api/v1/workers")
    @AllowedRoles({Role.ADMIN, Role.RESEARCHER, Role.VIEWER, Role.CI})
    @Operation(
            operationId = "listWorkers",
            summary = "Quartz nodes and worker slots active in the last hour, with their running attempts")
    @Transactional(readOnly = true)
    Cluster workers() {
        List<Node> nodes = jdbc.query(
                "select instance_name, last_checkin_time, checkin_interval from qrtz_scheduler_state"
                        + " where sched_name = ? order by instance_name",
                (rs, i) -> new Node(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getLong(3)),
                schedulerName);
        Map<String, Worker> workers = new LinkedHashMap<>();
        jdbc.query(
                "select a.worker, max(a.last_heartbeat_at) over (partition by a.worker) as last_seen, a.status,"
                        + " a.trial_id, t.study_id, s.name, r.name, a.number, a.started_at, a.last_heartbeat_at"
                        + " from attempt a join trial t on t.id = a.trial_id join study s on s.id = t.study_id"
                        + " join arm r on r.id = t.arm_id"
                        + " where a.status = 'RUNNING' or a.last_heartbeat_at > now() - interval '1 hour'"
                        + " order by a.worker, a.started_at",
                rs -> {
                    String name = rs.getString(1);
                    Worker worker = workers.computeIfAbsent(name, n -> new Worker(n, offset(rs, 2), new ArrayList<>()));
                    if ("RUNNING".equals(rs.getString(3))) {
                        worker.running()
                                .add(new RunningAttempt(
                                        rs.getLong(4),
                                        rs.getLong(5),
                                        rs.getString(6),
                                        rs.getString(7),
                                        rs.getInt(8),
                                        offset(rs, 9),
                                        offset(rs, 10)));
                    }
                });
        return new Cluster(nodes, List.copyOf(workers.values()));
    }

    private static OffsetDateTime offset(java.sql.ResultSet rs, int column) {
        try {
            return rs.getObject(column, OffsetDateTime.class);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
