-- The external trainer a study's workload runs on (null: the built-in DL4J trainer). Only a name: the program it
-- stands for is in each worker's own configuration. Its trials' Quartz jobs live under the scheduler name
-- FairtuneTrials.trainer.<name>, which only workers that have the trainer run.
ALTER TABLE study ADD COLUMN trainer VARCHAR(40)
    CONSTRAINT study_trainer_is_a_name CHECK (trainer ~ '^[a-z][a-z0-9_-]{0,39}$' AND trainer <> 'dl4j');
