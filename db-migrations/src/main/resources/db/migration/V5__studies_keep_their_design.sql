-- What the report, the checks and the final phase need from a study's design is stored with it, so a stored study
-- is read as stored and never parsed again with today's (possibly stricter) spec validation.
--   arm.tuned_hyperparameters  JSON array: the names the search tunes, in spec order (dimension d is element d)
--   arm.schedule_settings      JSON object: the values the arm's schedule object fixes (its "type" left out)
--   study.comparisons          JSON array of {"candidate", "baseline"}: the pairs the report compares
-- Existing rows are filled from the spec they were accepted with.

ALTER TABLE arm ADD COLUMN tuned_hyperparameters TEXT, ADD COLUMN schedule_settings TEXT;
ALTER TABLE study ADD COLUMN comparisons TEXT;

UPDATE arm a SET
  tuned_hyperparameters = COALESCE(
    (SELECT json_agg(e.key ORDER BY e.ord)::text
       FROM json_each(a.space::json) WITH ORDINALITY AS e(key, value, ord)
      WHERE json_typeof(e.value) = 'object' AND (e.value::jsonb ? 'min' OR e.value::jsonb ? 'values')),
    '[]'),
  schedule_settings = COALESCE(
    (SELECT json_object_agg(e.key, e.value ORDER BY e.ord)::text
       FROM study s,
            json_each(s.spec::json -> 'arms' -> a.position -> 'schedule') WITH ORDINALITY AS e(key, value, ord)
      WHERE s.id = a.study_id AND e.key <> 'type'),
    '{}');

-- Without "comparisons" in the spec every pair is compared, the earlier arm as the baseline of the later one.
UPDATE study s SET comparisons = COALESCE(
  (SELECT json_agg(json_build_object('candidate', c.value ->> 'candidate', 'baseline', c.value ->> 'baseline')
                   ORDER BY c.ord)::text
     FROM json_array_elements(CASE WHEN json_typeof(s.spec::json -> 'comparisons') = 'array'
                                   THEN s.spec::json -> 'comparisons' ELSE '[]'::json END)
          WITH ORDINALITY AS c(value, ord)),
  (SELECT json_agg(json_build_object('candidate', later.name, 'baseline', earlier.name)
                   ORDER BY earlier.position, later.position)::text
     FROM arm earlier JOIN arm later ON later.study_id = earlier.study_id AND later.position > earlier.position
    WHERE earlier.study_id = s.id),
  '[]');

ALTER TABLE arm ALTER COLUMN tuned_hyperparameters SET NOT NULL, ALTER COLUMN schedule_settings SET NOT NULL;
ALTER TABLE study ALTER COLUMN comparisons SET NOT NULL;
