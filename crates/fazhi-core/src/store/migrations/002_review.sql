-- Review: comments anchored to the text, the audit log, and the filing /
-- publication records of the workflow.

-- A comment (parent_id NULL) or a reply (parent_id = the comment it answers).
-- The anchor (node_id, start_off, end_off: Unicode scalar offsets in the node's
-- own text) belongs to the thread's root; replies have none. A comment whose
-- text was deleted is kept with orphaned = 1 and its quote.
CREATE TABLE comments (
    id          TEXT PRIMARY KEY,
    report_id   TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    parent_id   TEXT REFERENCES comments(id) ON DELETE CASCADE,
    author      TEXT NOT NULL,
    role        TEXT,
    created_at  TEXT NOT NULL,
    edited_at   TEXT,
    text        TEXT NOT NULL,
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    resolved_by TEXT,
    resolved_at TEXT,
    node_id     TEXT,
    start_off   INTEGER,
    end_off     INTEGER,
    quote       TEXT,
    prefix      TEXT,
    suffix      TEXT,
    orphaned    INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1))
) STRICT;
CREATE INDEX comments_report ON comments(report_id, created_at);
CREATE INDEX comments_parent ON comments(parent_id);

-- Who did what to which report, when and why. Never updated, never deleted
-- except with its report.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id   TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    who         TEXT NOT NULL,
    role        TEXT,
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    reason      TEXT,
    detail      TEXT
) STRICT;
CREATE INDEX audit_report ON audit_log(report_id, seq);

-- Filing (报送) and publication (公开) as recorded by the workflow.
ALTER TABLE reports ADD COLUMN filed_on TEXT;
ALTER TABLE reports ADD COLUMN filed_to TEXT;
ALTER TABLE reports ADD COLUMN published_on TEXT;
ALTER TABLE reports ADD COLUMN published_at TEXT;
-- A review copy opened from a package: content locked, comments allowed.
ALTER TABLE reports ADD COLUMN review_copy INTEGER NOT NULL DEFAULT 0;
