-- Read paths that stay short on a large archive. Everything here is derived from other tables and
-- kept in step by triggers, so every writer (loader, API, deletes) maintains it without knowing of it.

-- Distinct (article, speaker) pairs, as article_entities holds (article, entity) pairs: "articles
-- quoting X" walks one speaker's index entries in time order instead of collecting and sorting
-- every article of a prolific speaker.
CREATE TABLE article_speakers (
  article_id    INTEGER NOT NULL,
  speaker_id    INTEGER NOT NULL,
  quotes        INTEGER NOT NULL,               -- quotes by the speaker in the article
  published_at  TEXT,                           -- copied from the quotes (that is, from the article)
  PRIMARY KEY (article_id, speaker_id)
) WITHOUT ROWID;
CREATE INDEX article_speakers_speaker ON article_speakers (speaker_id, published_at, article_id);

INSERT INTO article_speakers (article_id, speaker_id, quotes, published_at)
  SELECT article_id, speaker_id, count(*), max(published_at) FROM quotes WHERE speaker_id IS NOT NULL
  GROUP BY article_id, speaker_id;

CREATE TRIGGER article_speakers_quote_insert AFTER INSERT ON quotes WHEN new.speaker_id IS NOT NULL BEGIN
  INSERT INTO article_speakers (article_id, speaker_id, quotes, published_at)
    VALUES (new.article_id, new.speaker_id, 1, new.published_at)
    ON CONFLICT (article_id, speaker_id) DO UPDATE SET quotes = quotes + 1;
END;
CREATE TRIGGER article_speakers_quote_delete AFTER DELETE ON quotes WHEN old.speaker_id IS NOT NULL BEGIN
  UPDATE article_speakers SET quotes = quotes - 1 WHERE article_id = old.article_id AND speaker_id = old.speaker_id;
  DELETE FROM article_speakers WHERE article_id = old.article_id AND speaker_id = old.speaker_id AND quotes <= 0;
END;
CREATE TRIGGER article_speakers_quote_update AFTER UPDATE OF article_id, speaker_id ON quotes BEGIN
  UPDATE article_speakers SET quotes = quotes - 1 WHERE article_id = old.article_id AND speaker_id = old.speaker_id;
  DELETE FROM article_speakers WHERE article_id = old.article_id AND speaker_id = old.speaker_id AND quotes <= 0;
  INSERT INTO article_speakers (article_id, speaker_id, quotes, published_at)
    SELECT new.article_id, new.speaker_id, 1, new.published_at WHERE new.speaker_id IS NOT NULL
    ON CONFLICT (article_id, speaker_id) DO UPDATE SET quotes = quotes + 1;
END;

-- Articles quoting each speaker: the unfiltered speaker facet is then the first entries of an
-- index, where counting distinct articles over every quote costs a second on a million articles.
ALTER TABLE entities ADD COLUMN quoted_article_count INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET quoted_article_count = (SELECT count(*) FROM article_speakers WHERE speaker_id = entities.id)
  WHERE id IN (SELECT speaker_id FROM article_speakers);
CREATE INDEX entities_quoted_articles ON entities (quoted_article_count DESC, name);

CREATE TRIGGER article_speakers_count_insert AFTER INSERT ON article_speakers BEGIN
  UPDATE entities SET quoted_article_count = quoted_article_count + 1 WHERE id = new.speaker_id;
END;
CREATE TRIGGER article_speakers_count_delete AFTER DELETE ON article_speakers BEGIN
  UPDATE entities SET quoted_article_count = quoted_article_count - 1 WHERE id = old.speaker_id;
END;

-- What a list shows of an article besides the columns stored before its body. The row keeps the
-- body before the lead's source and the counts, so reading them from articles reads the body's
-- overflow pages as well: a page of twenty articles would read twenty bodies.
CREATE TABLE article_leads (
  article_id    INTEGER PRIMARY KEY,
  lead          TEXT NOT NULL,                  -- the body's first 400 characters
  quote_count   INTEGER NOT NULL,
  entity_count  INTEGER NOT NULL
);
INSERT INTO article_leads (article_id, lead, quote_count, entity_count)
  SELECT id, substr(body, 1, 400), quote_count, entity_count FROM articles;

CREATE TRIGGER article_leads_insert AFTER INSERT ON articles BEGIN
  INSERT OR REPLACE INTO article_leads (article_id, lead, quote_count, entity_count)
    VALUES (new.id, substr(new.body, 1, 400), new.quote_count, new.entity_count);
END;
CREATE TRIGGER article_leads_update AFTER UPDATE OF body, quote_count, entity_count ON articles BEGIN
  UPDATE article_leads SET lead = substr(new.body, 1, 400), quote_count = new.quote_count, entity_count = new.entity_count
    WHERE article_id = new.id;
END;
CREATE TRIGGER article_leads_delete AFTER DELETE ON articles BEGIN
  DELETE FROM article_leads WHERE article_id = old.id;
END;

-- Articles per outlet and per wire (sources.article_count counts both roles together): the
-- unfiltered source and wire facets read these few rows instead of grouping every article.
ALTER TABLE sources ADD COLUMN source_article_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN wire_article_count INTEGER NOT NULL DEFAULT 0;
UPDATE sources SET
  source_article_count = (SELECT count(*) FROM articles WHERE source_id = sources.id),
  wire_article_count = (SELECT count(*) FROM articles WHERE wire_id = sources.id);

CREATE TRIGGER sources_count_insert AFTER INSERT ON articles BEGIN
  UPDATE sources SET source_article_count = source_article_count + 1 WHERE id = new.source_id;
  UPDATE sources SET wire_article_count = wire_article_count + 1 WHERE id = new.wire_id;
END;
CREATE TRIGGER sources_count_delete AFTER DELETE ON articles BEGIN
  UPDATE sources SET source_article_count = source_article_count - 1 WHERE id = old.source_id;
  UPDATE sources SET wire_article_count = wire_article_count - 1 WHERE id = old.wire_id;
END;
CREATE TRIGGER sources_count_update AFTER UPDATE OF source_id, wire_id ON articles BEGIN
  UPDATE sources SET source_article_count = source_article_count - 1 WHERE id = old.source_id;
  UPDATE sources SET wire_article_count = wire_article_count - 1 WHERE id = old.wire_id;
  UPDATE sources SET source_article_count = source_article_count + 1 WHERE id = new.source_id;
  UPDATE sources SET wire_article_count = wire_article_count + 1 WHERE id = new.wire_id;
END;
