-- Variant look-up: each quote's distinctive terms (pairs of content words, see linking/quotes.ts
-- variantTerms), hashed to 48-bit integers. A new quote fetches the most recent quotes sharing one
-- of its terms through this index: a bounded seek whatever the archive's size, where a full-text
-- query reads every quote containing the words. Written and removed by the store with its quotes.
CREATE TABLE quote_keys (
  key       INTEGER NOT NULL,
  quote_id  INTEGER NOT NULL,
  PRIMARY KEY (key, quote_id)
) WITHOUT ROWID;
