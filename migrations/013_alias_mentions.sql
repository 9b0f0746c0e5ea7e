-- How many mentions write each alias as it stands. Deleting an article drops an alias only it wrote;
-- finding out by looking for another mention of the entity with that text read every mention of
-- the entity (a place named in most of a million articles: a second per alias). The count is kept
-- by the triggers below, so every way of writing mentions keeps it.
ALTER TABLE entity_aliases ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;

UPDATE entity_aliases SET mentions = used.n
  FROM (SELECT entity_id, text, count(*) AS n FROM mentions GROUP BY entity_id, text) AS used
  WHERE entity_aliases.entity_id = used.entity_id AND entity_aliases.alias = used.text;

CREATE TRIGGER mentions_alias_insert AFTER INSERT ON mentions BEGIN
  UPDATE entity_aliases SET mentions = mentions + 1 WHERE entity_id = new.entity_id AND alias = new.text;
END;
CREATE TRIGGER mentions_alias_delete AFTER DELETE ON mentions BEGIN
  UPDATE entity_aliases SET mentions = mentions - 1 WHERE entity_id = old.entity_id AND alias = old.text;
END;
CREATE TRIGGER mentions_alias_update AFTER UPDATE OF entity_id, text ON mentions BEGIN
  UPDATE entity_aliases SET mentions = mentions - 1 WHERE entity_id = old.entity_id AND alias = old.text;
  UPDATE entity_aliases SET mentions = mentions + 1 WHERE entity_id = new.entity_id AND alias = new.text;
END;
