-- Indexes found missing by test/query-plans.test.ts: without them these reads scan a whole table.
-- The language facet groups every article by language, and the language filter seeks its articles
-- in keyset order: both read this index instead of the wide article rows (bodies included).
CREATE INDEX articles_language ON articles (language, published_at, id);
-- The unfiltered entity facet ranks entities by their stored article count (ties by name), so the
-- top of the list is the first entries of this index rather than a sort of every entity.
CREATE INDEX entities_articles ON entities (article_count DESC, name);
