-- Proofing (校对): the library's lexicon entries and its ignored findings.

-- The library's own lexicon entries and its overrides of built-in ones (an
-- override has the built-in entry's key: wrong form | condition). The built-in
-- entries are program data (assets/lexicon) and are not copied here.
CREATE TABLE lexicon_entries (
    key         TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    wrong       TEXT NOT NULL CHECK (wrong <> ''),
    suggestion  TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('error', 'warning', 'info')),
    condition   TEXT NOT NULL,
    grp         TEXT NOT NULL,
    explanation TEXT NOT NULL,
    example     TEXT NOT NULL DEFAULT '',
    counter     TEXT NOT NULL DEFAULT '',
    enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    updated_at  TEXT NOT NULL
) STRICT;

-- A finding the user chose to ignore. 'once': this finding (its stable id) in
-- this report; 'report': every finding of the rule on the same text in this
-- report; 'library': the same in every report (report_id NULL). Restoring
-- deletes the row.
CREATE TABLE ignored_findings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id   TEXT REFERENCES reports(id) ON DELETE CASCADE,
    scope       TEXT NOT NULL CHECK (scope IN ('once', 'report', 'library')),
    finding_id  TEXT NOT NULL,
    rule        TEXT NOT NULL,
    text        TEXT NOT NULL,
    message     TEXT NOT NULL,
    node_id     TEXT,
    created_at  TEXT NOT NULL,
    CHECK ((scope = 'library') = (report_id IS NULL))
) STRICT;
CREATE INDEX ignored_findings_report ON ignored_findings(report_id);
