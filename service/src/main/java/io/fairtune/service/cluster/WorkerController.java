package io.fairtune.service.cluster;

import io.fairtune.contract.catalog.TrainerNames;
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
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cluster as users see it: Quartz nodes that checked in with the trainers they run, and worker slots with the
 * attempts they run. Read from Quartz's state table and the attempt table, so it needs nothing from the workers
 * themselves: a node runs one scheduler per trainer it has ({@link TrainerNames}), all under one instance id.
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

    /**
     * @param trainers what the node trains: {@code dl4j} (the built-in trainer) and the external trainers it has
     */
    record Node(String instance, Instant lastCheckin, long checkinIntervalMillis, List<String> trainers) {}

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
        Map<String, Node> byInstance = new LinkedHashMap<>();
        jdbc.query(
                "select instance_name, last_checkin_time, checkin_interval, sched_name from qrtz_scheduler_state"
                        + " where sched_name = ? or starts_with(sched_name, ?) order by instance_name, sched_name",
                rs -> {
                    Optional<String> trainer = TrainerNames.trainerOf(schedulerName, rs.getString(4));
                    if (trainer.isEmpty()) {
                        return;
                    }
                    // The trials scheduler sorts first: its check-in stands for the node.
                    Instant checkin = Instant.ofEpochMilli(rs.getLong(2));
                    long interval = rs.getLong(3);
                    byInstance
                            .computeIfAbsent(rs.getString(1), n -> new Node(n, checkin, interval, new ArrayList<>()))
                            .trainers()
                            .add(trainer.get());
                },
                schedulerName,
                TrainerNames.poolPrefix(schedulerName));
        List<Node> nodes = List.copyOf(byInstance.values());
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
