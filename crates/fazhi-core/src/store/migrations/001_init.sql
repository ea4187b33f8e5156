-- Reports: the working copy of each report, as validated document JSON.
CREATE TABLE reports (
    id               TEXT PRIMARY KEY,
    issuer           TEXT NOT NULL,
    year             INTEGER NOT NULL,
    title            TEXT NOT NULL,
    template_id      TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    status           TEXT NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'review', 'final', 'filed', 'published')),
    content          TEXT NOT NULL,
    content_schema   INTEGER NOT NULL,
    chars            INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

-- Revisions: immutable copies made by 保存版本 and by restores.
CREATE TABLE revisions (
    report_id      TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    content        TEXT NOT NULL,
    content_schema INTEGER NOT NULL,
    chars          INTEGER NOT NULL DEFAULT 0,
    message        TEXT,
    author         TEXT,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (report_id, seq)
) STRICT;

-- Full-text index: one row per title, heading and paragraph of every report.
CREATE VIRTUAL TABLE report_fts USING fts5(
    report_id UNINDEXED,
    node_id UNINDEXED,
    text,
    tokenize = 'trigram'
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
