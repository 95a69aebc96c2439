-- The write journal: one row per change a write statement makes to a resource, inserted (all rows
-- of a statement in one transaction) before anything is sent to Cloud Control. The flusher updates
-- a row as events arrive; a session opening the same file resumes every row not yet finished.
-- Users query it as `ccsql_requests`.
CREATE TABLE IF NOT EXISTS ccsql_requests (
  id              INTEGER PRIMARY KEY,
  statement_id    INTEGER NOT NULL,
  type_name       TEXT NOT NULL,
  table_name      TEXT NOT NULL,
  region          TEXT NOT NULL,
  -- The account's id; NULL: the session's only account (the default credentials').
  account_id      TEXT,
  operation       TEXT NOT NULL CHECK (operation IN ('CREATE', 'UPDATE', 'DELETE')),
  identifier      TEXT,
  desired_state   TEXT,
  patch_document  TEXT,
  -- Persisted before the first send: a resend after a crash reuses it, so Cloud Control sees a retry.
  client_token    TEXT NOT NULL,
  role_arn        TEXT,
  type_version_id TEXT,
  request_token   TEXT,
  -- QUEUED until Cloud Control accepts the request, then its OperationStatus.
  status          TEXT NOT NULL DEFAULT 'QUEUED',
  error_code      TEXT,
  status_message  TEXT,
  resource_model  TEXT,
  event           TEXT,
  created_at      TEXT NOT NULL,
  sent_at         TEXT,
  updated_at      TEXT NOT NULL,
  finished_at     TEXT
);

CREATE INDEX IF NOT EXISTS ccsql_requests_unfinished ON ccsql_requests (id) WHERE finished_at IS NULL;

-- Earlier attempts of a change that was sent again with a new ClientToken because its handler was
-- throttled by the service behind it (ErrorCode Throttling: nothing was changed). The change's own
-- row in ccsql_requests always describes the current attempt.
CREATE TABLE IF NOT EXISTS ccsql_request_attempts (
  request_id     INTEGER NOT NULL REFERENCES ccsql_requests (id),
  attempt        INTEGER NOT NULL,
  client_token   TEXT NOT NULL,
  request_token  TEXT,
  status         TEXT NOT NULL,
  error_code     TEXT,
  status_message TEXT,
  event          TEXT,
  sent_at        TEXT,
  finished_at    TEXT NOT NULL,
  PRIMARY KEY (request_id, attempt)
);
