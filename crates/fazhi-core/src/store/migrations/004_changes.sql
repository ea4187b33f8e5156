-- Reviewers' 修订 (tracked changes): suggestions over the working copy, which
-- keeps the original text. A change runs from (start_node, start_off) to
-- (end_node, end_off): Unicode scalar offsets in the nodes' own text; the end
-- may lie in a later node (old then holds the node breaks as "\n"). A change
-- whose original text vanished is kept with orphaned = 1, never deleted.
CREATE TABLE changes (
    id          TEXT PRIMARY KEY,
    report_id   TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('insert', 'delete', 'replace')),
    start_node  TEXT NOT NULL,
    start_off   INTEGER NOT NULL,
    end_node    TEXT NOT NULL,
    end_off     INTEGER NOT NULL,
    old_text    TEXT NOT NULL,
    new_text    TEXT NOT NULL,
    prefix      TEXT NOT NULL DEFAULT '',
    suffix      TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL,
    role        TEXT,
    created_at  TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'rejected')),
    decided_by  TEXT,
    decided_at  TEXT,
    orphaned    INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1))
) STRICT;
CREATE INDEX changes_report ON changes(report_id, status, created_at);
