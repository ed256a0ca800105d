-- Where a study came from (a CI run's commit, branch and URL, the schedule that fired it, user tags), one row per
-- label; studies are listed by label, so (key, value) is indexed.
CREATE TABLE study_label (
    study_id BIGINT NOT NULL REFERENCES study (id) ON DELETE CASCADE,
    key      TEXT   NOT NULL,
    value    TEXT   NOT NULL,
    PRIMARY KEY (study_id, key)
);
CREATE INDEX study_label_key_value ON study_label (key, value);
