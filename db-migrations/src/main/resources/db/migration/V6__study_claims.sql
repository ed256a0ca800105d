-- What a study sets out to show, as accepted: a JSON array of
-- {"candidate", "baseline", "kind", "margin", "basis", "k"}; studies from before claims existed have none.
ALTER TABLE study ADD COLUMN claims TEXT NOT NULL DEFAULT '[]';
