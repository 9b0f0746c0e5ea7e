-- API keys for writes (quotewire keys create|list|revoke). Only a sha256 of each key is kept:
-- the key itself is shown once, when it is created.
CREATE TABLE api_keys (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,                  -- who or what the key is for
  prefix        TEXT NOT NULL,                  -- the key's first characters, to recognise it in a list
  hash          TEXT NOT NULL UNIQUE,           -- sha256 of the key, hex
  created_at    TEXT NOT NULL,
  revoked_at    TEXT                            -- set once revoked; a revoked key is refused with 403
);
