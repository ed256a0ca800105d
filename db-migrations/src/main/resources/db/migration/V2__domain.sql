-- Fairtune's domain: studies, their arms, every planned trial, each attempt to run it, and learning curves.
-- Outcomes are data: non-finite numbers are stored as PostgreSQL's NaN / Infinity, never dropped.

CREATE TABLE api_token (
  id           BIGSERIAL PRIMARY KEY,
  name         VARCHAR(100) NOT NULL UNIQUE,
  role         VARCHAR(20)  NOT NULL CHECK (role IN ('ADMIN', 'RESEARCHER', 'VIEWER', 'WORKER')),
  token_hash   CHAR(64)     NOT NULL UNIQUE, -- SHA-256 hex of the secret; the secret itself is never stored
  created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE study (
  id                     BIGSERIAL PRIMARY KEY,
  name                   VARCHAR(200)     NOT NULL,
  description            TEXT,
  status                 VARCHAR(20)      NOT NULL
                         CHECK (status IN ('TUNING', 'FINAL_PHASE', 'COMPLETED', 'CANCELLED')),
  spec                   TEXT             NOT NULL, -- the submitted spec as JSON, as accepted
  dataset                VARCHAR(50)      NOT NULL,
  model                  VARCHAR(50)      NOT NULL,
  batch_size             INTEGER          NOT NULL,
  training_steps         INTEGER          NOT NULL,
  eval_every_steps       INTEGER          NOT NULL,
  validation_examples    INTEGER          NOT NULL,
  target_metric          VARCHAR(50)      NOT NULL,
  target_value           DOUBLE PRECISION NOT NULL,
  search_algorithm       VARCHAR(30)      NOT NULL,
  search_seed            BIGINT           NOT NULL,
  trials_per_arm         INTEGER          NOT NULL,
  max_parallel_trials    INTEGER          NOT NULL,
  max_attempts_per_trial INTEGER          NOT NULL,
  final_seeds            INTEGER          NOT NULL,
  created_by             VARCHAR(100),
  created_at             TIMESTAMPTZ      NOT NULL DEFAULT now(),
  finished_at            TIMESTAMPTZ,
  version                BIGINT           NOT NULL DEFAULT 0
);

CREATE INDEX study_created_at ON study (created_at DESC);

CREATE TABLE arm (
  id            BIGSERIAL PRIMARY KEY,
  study_id      BIGINT       NOT NULL REFERENCES study (id) ON DELETE CASCADE,
  position      INTEGER      NOT NULL,
  name          VARCHAR(64)  NOT NULL,
  optimizer     VARCHAR(30)  NOT NULL,
  schedule_type VARCHAR(50)  NOT NULL,
  space         TEXT         NOT NULL, -- the arm's search space as JSON, as submitted
  UNIQUE (study_id, name),
  UNIQUE (study_id, position)
);

CREATE TABLE trial (
  id                 BIGSERIAL PRIMARY KEY,
  study_id           BIGINT           NOT NULL REFERENCES study (id) ON DELETE CASCADE,
  arm_id             BIGINT           NOT NULL REFERENCES arm (id) ON DELETE CASCADE,
  phase              VARCHAR(10)      NOT NULL CHECK (phase IN ('TUNING', 'FINAL')),
  sample_index       INTEGER          NOT NULL,
  seed               BIGINT           NOT NULL,
  hyperparameters    TEXT             NOT NULL, -- JSON of every effective value, defaults included
  status             VARCHAR(20)      NOT NULL
                     CHECK (status IN ('PENDING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'DIVERGED', 'FAILED', 'CANCELLED')),
  attempts           INTEGER          NOT NULL DEFAULT 0, -- number of the newest attempt
  steps_completed    INTEGER,
  best_val_accuracy  DOUBLE PRECISION,
  final_val_accuracy DOUBLE PRECISION,
  steps_to_target    INTEGER,
  wall_seconds       DOUBLE PRECISION,
  samples_per_second DOUBLE PRECISION,
  test_accuracy      DOUBLE PRECISION,
  test_loss          DOUBLE PRECISION,
  failure_message    TEXT,
  failure_cause      TEXT,
  created_at         TIMESTAMPTZ      NOT NULL DEFAULT now(),
  queued_at          TIMESTAMPTZ,
  started_at         TIMESTAMPTZ,
  finished_at        TIMESTAMPTZ,
  version            BIGINT           NOT NULL DEFAULT 0,
  UNIQUE (arm_id, phase, sample_index)
);

CREATE INDEX trial_study_status ON trial (study_id, status);
CREATE INDEX trial_study_arm ON trial (study_id, arm_id, sample_index);

CREATE TABLE attempt (
  id                BIGSERIAL PRIMARY KEY,
  trial_id          BIGINT       NOT NULL REFERENCES trial (id) ON DELETE CASCADE,
  number            INTEGER      NOT NULL,
  status            VARCHAR(20)  NOT NULL
                    CHECK (status IN ('RUNNING', 'SUCCEEDED', 'DIVERGED', 'FAILED', 'LOST', 'REJECTED', 'CANCELLED')),
  worker            VARCHAR(200) NOT NULL,
  started_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
  last_heartbeat_at TIMESTAMPTZ  NOT NULL DEFAULT now(), -- compared with the database clock, never a node's
  finished_at       TIMESTAMPTZ,
  end_reason        TEXT,
  UNIQUE (trial_id, number)
);

CREATE INDEX attempt_running ON attempt (last_heartbeat_at) WHERE status = 'RUNNING';

CREATE TABLE measurement (
  trial_id       BIGINT           NOT NULL REFERENCES trial (id) ON DELETE CASCADE,
  attempt_number INTEGER          NOT NULL,
  step           INTEGER          NOT NULL,
  train_loss     DOUBLE PRECISION NOT NULL,
  val_loss       DOUBLE PRECISION NOT NULL,
  val_accuracy   DOUBLE PRECISION NOT NULL,
  learning_rate  DOUBLE PRECISION NOT NULL,
  elapsed_seconds DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (trial_id, attempt_number, step) -- a re-sent batch is stored once
);
