-- Indexes no read needs any more, dropped for the archive's size. mentions_entity (entity_id,
-- article_id) is a prefix of mentions_entity_span (entity_id, article_id, start, end), which
-- answers every seek it answered (counts per entity, an entity's mentions in an article) and
-- covers the quote entity filter besides: on a generated archive it held 3% of the file.
DROP INDEX IF EXISTS mentions_entity;
