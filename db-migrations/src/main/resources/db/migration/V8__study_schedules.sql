-- Studies that run on a cron schedule (a nightly regression check). The cron trigger itself lives in Quartz's
-- tables under the scheduler name FairtuneSchedules, which only service nodes run; this row is what the API shows.
CREATE TABLE study_schedule (
    id                   BIGSERIAL    PRIMARY KEY,
    name                 VARCHAR(200) NOT NULL,
    cron                 VARCHAR(200) NOT NULL,
    time_zone            VARCHAR(100) NOT NULL,
    spec                 TEXT         NOT NULL, -- the study spec as submitted; validated again at every firing
    created_by           VARCHAR(100) NOT NULL,
    created_by_token_id  BIGINT       REFERENCES api_token (id),
    created_at           TIMESTAMPTZ  NOT NULL,
    paused               BOOLEAN      NOT NULL DEFAULT FALSE
);

-- One row per firing: the study it started, or why it started none (the previous study still running, or the
-- spec no longer valid against the workers' catalogs).
CREATE TABLE study_schedule_run (
    id           BIGSERIAL   PRIMARY KEY,
    schedule_id  BIGINT      NOT NULL REFERENCES study_schedule (id) ON DELETE CASCADE,
    fired_at     TIMESTAMPTZ NOT NULL,
    study_id     BIGINT      REFERENCES study (id) ON DELETE SET NULL,
    outcome      VARCHAR(20) NOT NULL CHECK (outcome IN ('STARTED', 'SKIPPED_RUNNING', 'SPEC_INVALID')),
    message      TEXT
);
CREATE INDEX study_schedule_run_schedule ON study_schedule_run (schedule_id, fired_at);
