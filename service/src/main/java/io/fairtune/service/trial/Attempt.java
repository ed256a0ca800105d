package io.fairtune.service.trial;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One claim of a trial by a worker slot. Only the newest attempt of a trial may report. Its start and end come from
 * the service's clock; its heartbeats from PostgreSQL's, compared only with PostgreSQL's.
 */
@Entity
@Table(name = "attempt")
public class Attempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "trial_id")
    private long trialId;

    private int number;

    @Enumerated(EnumType.STRING)
    private AttemptStatus status;

    private String worker;

    @Column(name = "started_at", updatable = false)
    private OffsetDateTime startedAt;

    @Column(name = "last_heartbeat_at", insertable = false, updatable = false)
    private OffsetDateTime lastHeartbeatAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "end_reason")
    private String endReason;

    protected Attempt() {}

    Attempt(long trialId, int number, String worker, OffsetDateTime now) {
        this.trialId = trialId;
        this.number = number;
        this.worker = worker;
        this.status = AttemptStatus.RUNNING;
        this.startedAt = now;
    }

    void end(AttemptStatus outcome, String reason, OffsetDateTime now) {
        Transitions.check("attempt " + number + " of trial", trialId, status, outcome);
        status = outcome;
        endReason = reason;
        finishedAt = now;
    }

    public long trialId() {
        return trialId;
    }

    public int number() {
        return number;
    }

    public AttemptStatus status() {
        return status;
    }

    public String worker() {
        return worker;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime lastHeartbeatAt() {
        return lastHeartbeatAt;
    }

    public OffsetDateTime finishedAt() {
        return finishedAt;
    }

    public String endReason() {
        return endReason;
    }
}
