-- Covering indexes for the joins behind speaker facets ("which speakers are quoted in these articles")
-- and quotes mentioning an entity: both read only the index, never the wide rows.
CREATE INDEX quotes_speaker_article ON quotes (speaker_id, article_id);
CREATE INDEX mentions_entity_span ON mentions (entity_id, article_id, start, end);
