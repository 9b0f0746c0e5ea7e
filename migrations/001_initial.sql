-- The archive: sources, stories, articles, entities (speakers are entities), mentions, quotes.
-- Times are ISO-8601 instants in UTC (TEXT, sortable). Offsets are JavaScript string indexes into articles.body.

CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,             -- "reuters", "the-japan-news"
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('outlet', 'wire')),
  article_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE stories (
  id            INTEGER PRIMARY KEY,
  title         TEXT NOT NULL,                  -- the headline of its first article
  first_published_at TEXT,
  last_published_at  TEXT,
  article_count INTEGER NOT NULL DEFAULT 0,
  quote_count   INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);
CREATE INDEX stories_recent ON stories (last_published_at DESC, id DESC);

CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  content_hash  TEXT NOT NULL UNIQUE,           -- sha256 of the normalised body: a re-load changes nothing
  doc           TEXT NOT NULL,                  -- file name without extension, or record id
  source_id     INTEGER REFERENCES sources (id),
  wire_id       INTEGER REFERENCES sources (id),
  story_id      INTEGER REFERENCES stories (id) ON DELETE SET NULL,
  url           TEXT,
  headline      TEXT,
  dateline      TEXT,
  published_at  TEXT,                           -- instant, UTC
  published_local TEXT,                         -- as the page states it, with its offset
  author        TEXT,
  language      TEXT NOT NULL DEFAULT 'en',
  body          TEXT NOT NULL,
  captions      TEXT NOT NULL DEFAULT '[]',     -- JSON array of photo captions
  word_count    INTEGER NOT NULL,
  quote_count   INTEGER NOT NULL DEFAULT 0,
  entity_count  INTEGER NOT NULL DEFAULT 0,     -- distinct entities mentioned
  loaded_at     TEXT NOT NULL
);
-- Keyset pagination orders by (published_at, id); NULL dates sort first ascending.
CREATE INDEX articles_published ON articles (published_at, id);
CREATE INDEX articles_source ON articles (source_id, published_at, id);
CREATE INDEX articles_wire ON articles (wire_id, published_at, id);
CREATE INDEX articles_story ON articles (story_id, published_at, id);

CREATE TABLE entities (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,           -- identity across articles: "PERSON:matthew miller"
  type          TEXT NOT NULL CHECK (type IN ('PERSON', 'ORG', 'PLACE')),
  name          TEXT NOT NULL,                  -- canonical name
  mention_count INTEGER NOT NULL DEFAULT 0,
  article_count INTEGER NOT NULL DEFAULT 0,
  quote_count   INTEGER NOT NULL DEFAULT 0,     -- quotes spoken by this entity
  first_quoted_at TEXT,
  last_quoted_at  TEXT
);
CREATE INDEX entities_type_mentions ON entities (type, mention_count DESC, id);
CREATE INDEX entities_mentions ON entities (mention_count DESC, id);
CREATE INDEX entities_quotes ON entities (quote_count DESC, id);

CREATE TABLE entity_aliases (
  entity_id     INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  alias         TEXT NOT NULL,                  -- a surface form as written ("Kim Jong-un", "U.S.")
  norm          TEXT NOT NULL,                  -- its folded form, for lookup
  PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_norm ON entity_aliases (norm);

-- Distinct (article, entity) pairs: the join behind "articles mentioning X" and related entities.
CREATE TABLE article_entities (
  article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  entity_id     INTEGER NOT NULL REFERENCES entities (id),
  mentions      INTEGER NOT NULL,
  published_at  TEXT,                           -- copied from the article, for ordered keyset scans per entity
  PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities (entity_id, published_at, article_id);

CREATE TABLE mentions (
  id            INTEGER PRIMARY KEY,
  article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  entity_id     INTEGER NOT NULL REFERENCES entities (id),
  start         INTEGER NOT NULL,
  end           INTEGER NOT NULL,
  text          TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id, start);
CREATE INDEX mentions_entity ON mentions (entity_id, article_id);

-- The same statement reported by several outlets in different words.
CREATE TABLE quote_clusters (
  id            INTEGER PRIMARY KEY,
  speaker_id    INTEGER REFERENCES entities (id),
  size          INTEGER NOT NULL DEFAULT 0,     -- quotes in the cluster
  source_count  INTEGER NOT NULL DEFAULT 0      -- distinct outlets carrying a variant
);

CREATE TABLE quotes (
  id            INTEGER PRIMARY KEY,
  article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  speaker_id    INTEGER REFERENCES entities (id),
  cluster_id    INTEGER REFERENCES quote_clusters (id),
  text          TEXT NOT NULL,
  start         INTEGER NOT NULL,
  end           INTEGER NOT NULL,
  cue           TEXT,
  cue_start     INTEGER,
  cue_end       INTEGER,
  speaker_text  TEXT,                           -- how this article refers to the speaker here ("Miller", "he")
  speaker_start INTEGER,
  speaker_end   INTEGER,
  role          TEXT,                           -- the speaker's role as the article states it
  resolution    TEXT NOT NULL,                  -- named | surname | pronoun | title | organisation | unresolved
  confidence    REAL NOT NULL,
  published_at  TEXT                            -- copied from the article, for ordered keyset scans
);
CREATE INDEX quotes_article ON quotes (article_id, start);
CREATE INDEX quotes_speaker ON quotes (speaker_id, published_at, id);
CREATE INDEX quotes_cluster ON quotes (cluster_id);
CREATE INDEX quotes_published ON quotes (published_at, id);

-- Quoted phrases nobody says (scare quotes, titles, quotations nested in a quote).
CREATE TABLE quoted_phrases (
  id            INTEGER PRIMARY KEY,
  article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  text          TEXT NOT NULL,
  start         INTEGER NOT NULL,
  end           INTEGER NOT NULL
);
CREATE INDEX quoted_phrases_article ON quoted_phrases (article_id, start);

-- Full text: external-content FTS5 tables kept in step by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  headline, body,
  content = 'articles', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, headline, body) VALUES (new.id, coalesce(new.headline, ''), new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, headline, body) VALUES ('delete', old.id, coalesce(old.headline, ''), old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, body ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, headline, body) VALUES ('delete', old.id, coalesce(old.headline, ''), old.body);
  INSERT INTO articles_fts (rowid, headline, body) VALUES (new.id, coalesce(new.headline, ''), new.body);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5 (
  text,
  content = 'quotes', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
