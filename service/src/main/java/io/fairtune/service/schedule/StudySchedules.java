package io.fairtune.service.schedule;

import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.service.json.Json;
import io.fairtune.service.report.ReportService;
import io.fairtune.service.schedule.ScheduleViews.ClaimPoint;
import io.fairtune.service.schedule.ScheduleViews.RunOutcome;
import io.fairtune.service.schedule.ScheduleViews.RunView;
import io.fairtune.service.schedule.ScheduleViews.ScheduleDetail;
import io.fairtune.service.schedule.ScheduleViews.ScheduleView;
import io.fairtune.service.spec.SpecValidationException;
import io.fairtune.service.spec.StudySpec;
import io.fairtune.service.spec.StudySpecParser;
import io.fairtune.service.study.Study;
import io.fairtune.service.study.StudyStatus;
import io.fairtune.service.study.api.StudyService;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Study schedules: a spec and a Quartz cron trigger that submits it, stored together in one transaction (the job
 * store shares the Spring-managed connection). A firing starts a study labelled {@code schedule=<id>}, or records
 * why it started none, so a schedule's history shows every night, including the ones that did not run.
 */
@Service
public class StudySchedules {

    /** Firings a schedule's page shows: a month of nightly runs. */
    static final int HISTORY = 30;
    /** About the finished runs of a few dozen schedules' histories. */
    private static final int FINISHED_CLAIMS_CACHED = 1_024;

    private static final Logger log = LoggerFactory.getLogger(StudySchedules.class);

    private final JdbcTemplate jdbc;
    private final ScheduleQuartz quartz;
    private final StudyService studies;
    private final ReportService reports;
    private final Clock clock;
    private final Duration minInterval;
    private final OptimizerRegistry optimizers;

    /**
     * Claim points of finished studies, whose reports can no longer change: a schedule's page (polled every few
     * seconds) then computes at most the report of its one running study instead of up to {@code HISTORY}.
     */
    private final Map<Long, List<ClaimPoint>> finishedClaims =
            Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, List<ClaimPoint>> eldest) {
                    return size() > FINISHED_CLAIMS_CACHED;
                }
            });

    StudySchedules(
            JdbcTemplate jdbc,
            ScheduleQuartz quartz,
            StudyService studies,
            ReportService reports,
            OptimizerRegistry optimizers,
            Clock clock,
            @Value("${fairtune.schedules.min-interval}") Duration minInterval) {
        this.optimizers = optimizers;
        this.jdbc = jdbc;
        this.quartz = quartz;
        this.studies = studies;
        this.reports = reports;
        this.clock = clock;
        this.minInterval = minInterval;
    }

    /** Who created a schedule: its studies are created in that name. */
    public record Owner(String name, Long tokenId) {}

    /** @throws ScheduleRequestInvalidException for a bad name, cron, time zone or spec */
    @Transactional
    public ScheduleView create(String json, Owner owner) {
        ScheduleRequest request = ScheduleRequest.parse(json, minInterval, clock.instant(), optimizers);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var insert = connection.prepareStatement(
                            "insert into study_schedule (name, cron, time_zone, spec, created_by,"
                                    + " created_by_token_id, created_at) values (?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    insert.setString(1, request.name());
                    insert.setString(2, request.cron());
                    insert.setString(3, request.zone().getId());
                    insert.setString(4, Json.write(request.spec()));
                    insert.setString(5, owner.name());
                    insert.setObject(6, owner.tokenId());
                    insert.setTimestamp(7, Timestamp.from(clock.instant()));
                    return insert;
                },
                key);
        long id = key.getKey().longValue();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(ScheduledStudyJob.jobName(id), ScheduledStudyJob.GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(request.cron())
                        .inTimeZone(TimeZone.getTimeZone(request.zone()))
                        // A night missed while no service ran is made up once at the next start, not once per night.
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        try {
            quartz.scheduler()
                    .scheduleJob(
                            JobBuilder.newJob(ScheduledStudyJob.class)
                                    .withIdentity(jobKey(id))
                                    .usingJobData(ScheduledStudyJob.SCHEDULE_ID, Long.toString(id))
                                    .build(),
                            trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule schedule " + id, e);
        }
        log.info("Schedule {} '{}' created: cron '{}' in {}", id, request.name(), request.cron(), request.zone());
        return view(id);
    }

    /**
     * A firing: starts the schedule's study, unless the previous one still runs or the spec no longer validates.
     * Either way the firing is recorded.
     */
    @Transactional
    public void fire(long scheduleId) {
        List<Stored> rows = jdbc.query(
                "select * from study_schedule where id = ? for update", (rs, i) -> Stored.of(rs), scheduleId);
        if (rows.isEmpty() || rows.get(0).paused()) {
            return;
        }
        Stored schedule = rows.get(0);
        List<Long> running = jdbc.queryForList(
                "select s.id from study_schedule_run r join study s on s.id = r.study_id where r.schedule_id = ?"
                        + " and s.status in ('TUNING', 'FINAL_PHASE') order by s.id",
                Long.class,
                scheduleId);
        if (!running.isEmpty()) {
            record(scheduleId, RunOutcome.SKIPPED_RUNNING, "study " + running.get(0) + " is still running", null);
            log.info("Schedule {} fired while study {} still runs: skipped", scheduleId, running.get(0));
            return;
        }
        String json = ScheduleRequest.labelled(schedule.spec(), scheduleId);
        StudySpec spec;
        try {
            spec = StudySpecParser.parse(json, optimizers);
        } catch (SpecValidationException e) {
            String why = e.errors().stream()
                    .map(error -> error.field() + ": " + error.message())
                    .collect(Collectors.joining("; "));
            record(scheduleId, RunOutcome.SPEC_INVALID, why, null);
            log.warn("Schedule {} fired, but its spec no longer validates: {}", scheduleId, why);
            return;
        }
        Study study = studies.create(spec, json, new StudyService.Creator(schedule.createdBy(), schedule.tokenId()));
        record(scheduleId, RunOutcome.STARTED, null, study.id());
        log.info("Schedule {} started study {}", scheduleId, study.id());
    }

    public List<ScheduleView> list() {
        return jdbc.queryForList("select id from study_schedule order by id", Long.class).stream()
                .map(this::view)
                .toList();
    }

    public ScheduleDetail detail(long scheduleId) {
        ScheduleView schedule = view(scheduleId);
        List<RunView> runs = jdbc.query(
                "select * from (select r.id, r.fired_at, r.outcome, r.message, r.study_id, s.status from"
                        + " study_schedule_run r left join study s on s.id = r.study_id where r.schedule_id = ?"
                        + " order by r.fired_at desc, r.id desc limit ?) newest order by fired_at, id",
                (rs, i) -> {
                    Long studyId = rs.getObject("study_id") == null ? null : rs.getLong("study_id");
                    String status = rs.getString("status");
                    return new RunView(
                            rs.getLong("id"),
                            rs.getObject("fired_at", OffsetDateTime.class),
                            RunOutcome.valueOf(rs.getString("outcome")),
                            rs.getString("message"),
                            studyId,
                            status == null ? null : StudyStatus.valueOf(status),
                            List.of());
                },
                scheduleId,
                HISTORY);
        return new ScheduleDetail(
                schedule,
                runs.stream()
                        .map(run -> run.studyId() == null ? run : withClaims(run))
                        .toList());
    }

    @Transactional
    public ScheduleView pause(long scheduleId, boolean paused) {
        view(scheduleId);
        jdbc.update("update study_schedule set paused = ? where id = ?", paused, scheduleId);
        try {
            if (paused) {
                quartz.scheduler().pauseJob(jobKey(scheduleId));
            } else {
                quartz.scheduler().resumeJob(jobKey(scheduleId));
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot " + (paused ? "pause" : "resume") + " schedule " + scheduleId, e);
        }
        return view(scheduleId);
    }

    /** Deletes the schedule, its trigger and its history; the studies it started stay, with their label. */
    @Transactional
    public void delete(long scheduleId) {
        view(scheduleId);
        try {
            quartz.scheduler().deleteJob(jobKey(scheduleId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot delete schedule " + scheduleId, e);
        }
        jdbc.update("delete from study_schedule where id = ?", scheduleId);
        log.info("Schedule {} deleted", scheduleId);
    }

    private RunView withClaims(RunView run) {
        long studyId = run.studyId();
        boolean finished = run.studyStatus() != null && run.studyStatus().finished();
        List<ClaimPoint> claims = finished ? finishedClaims.get(studyId) : null;
        if (claims == null) {
            claims = reports.report(studyId).claims().results().stream()
                    .map(c -> new ClaimPoint(c.statement(), c.outcome(), c.estimate(), c.lower(), c.upper()))
                    .toList();
            if (finished) {
                finishedClaims.put(studyId, claims);
            }
        }
        return new RunView(
                run.id(), run.firedAt(), run.outcome(), run.message(), run.studyId(), run.studyStatus(), claims);
    }

    private void record(long scheduleId, RunOutcome outcome, String message, Long studyId) {
        jdbc.update(
                "insert into study_schedule_run (schedule_id, fired_at, study_id, outcome, message)"
                        + " values (?, ?, ?, ?, ?)",
                scheduleId,
                Timestamp.from(clock.instant()),
                studyId,
                outcome.name(),
                message);
    }

    private ScheduleView view(long scheduleId) {
        Stored stored =
                jdbc.query("select * from study_schedule where id = ?", (rs, i) -> Stored.of(rs), scheduleId).stream()
                        .findFirst()
                        .orElseThrow(() -> new ScheduleNotFoundException(scheduleId));
        OffsetDateTime next = null;
        if (!stored.paused()) {
            try {
                Trigger trigger = quartz.scheduler()
                        .getTrigger(
                                TriggerKey.triggerKey(ScheduledStudyJob.jobName(scheduleId), ScheduledStudyJob.GROUP));
                Date fire = trigger == null ? null : trigger.getNextFireTime();
                next = fire == null ? null : fire.toInstant().atOffset(ZoneOffset.UTC);
            } catch (SchedulerException e) {
                throw new IllegalStateException("cannot read the trigger of schedule " + scheduleId, e);
            }
        }
        return new ScheduleView(
                stored.id(),
                stored.name(),
                stored.cron(),
                stored.timeZone(),
                stored.paused(),
                stored.createdBy(),
                stored.createdAt(),
                next,
                Json.readMap(ScheduleRequest.labelled(stored.spec(), scheduleId)));
    }

    private static JobKey jobKey(long scheduleId) {
        return JobKey.jobKey(ScheduledStudyJob.jobName(scheduleId), ScheduledStudyJob.GROUP);
    }

    /** A row of study_schedule. */
    private record Stored(
            long id,
            String name,
            String cron,
            String timeZone,
            String spec,
            String createdBy,
            Long tokenId,
            OffsetDateTime createdAt,
            boolean paused) {

        static Stored of(ResultSet rs) throws SQLException {
            return new Stored(
                    rs.getLong("id"),
                    rs.getString("name"),
                    rs.getString("cron"),
                    rs.getString("time_zone"),
                    rs.getString("spec"),
                    rs.getString("created_by"),
                    rs.getObject("created_by_token_id") == null ? null : rs.getLong("created_by_token_id"),
                    rs.getObject("created_at", OffsetDateTime.class),
                    rs.getBoolean("paused"));
        }
    }
}
