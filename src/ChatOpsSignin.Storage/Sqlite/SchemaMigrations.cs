namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>
/// The schema, as an ordered list of scripts. Never edit a shipped script: append the next version.
/// Times are ISO-8601 UTC text with 7 fractional digits (<see cref="SqliteValues"/>), fixed width so text order is time order.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<(int Version, string Script)> All { get; } =
    [
        (1, """
            CREATE TABLE approvals (
                request_id        TEXT PRIMARY KEY NOT NULL,
                requester         TEXT NOT NULL,
                requester_handle  TEXT NOT NULL,
                profile           TEXT NOT NULL,
                reason            TEXT NULL,
                reply_to          TEXT NOT NULL,
                requested_at      TEXT NOT NULL,
                expires_at        TEXT NOT NULL,
                state             TEXT NOT NULL CHECK (state IN ('Pending', 'Approved', 'Denied', 'Expired', 'Cancelled')),
                decided_by        TEXT NULL,
                decided_by_handle TEXT NULL,
                decided_at        TEXT NULL,
                prompt_ref        TEXT NULL
            );
            CREATE INDEX approvals_pending_expiry ON approvals (expires_at) WHERE state = 'Pending';
            CREATE INDEX approvals_by_requester ON approvals (requester, requested_at);

            CREATE TABLE issued_links (
                request_id      TEXT PRIMARY KEY NOT NULL,
                platform        TEXT NOT NULL,
                requester       TEXT NOT NULL,
                profile         TEXT NOT NULL,
                message_ref     TEXT NOT NULL,
                issued_at       TEXT NOT NULL,
                link_expires_at TEXT NOT NULL,
                removed_at      TEXT NULL
            );
            CREATE INDEX issued_links_due ON issued_links (link_expires_at) WHERE removed_at IS NULL;

            CREATE TABLE audit_events (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                request_id      TEXT NOT NULL,
                type            TEXT NOT NULL,
                at              TEXT NOT NULL,
                requester       TEXT NULL,
                handle          TEXT NULL,
                platform        TEXT NULL,
                profile         TEXT NULL,
                role_arn        TEXT NULL,
                session_name    TEXT NULL,
                source_identity TEXT NULL,
                actor           TEXT NULL,
                reason          TEXT NULL,
                code            TEXT NULL,
                duration_ticks  INTEGER NULL
            );
            CREATE INDEX audit_events_at ON audit_events (at);
            CREATE INDEX audit_events_request ON audit_events (request_id);
            CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
            CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

            CREATE TABLE rate_limit_hits (
                id  INTEGER PRIMARY KEY,
                key TEXT NOT NULL,
                at  TEXT NOT NULL
            );
            CREATE INDEX rate_limit_hits_by_key ON rate_limit_hits (key, at);
            """),
        (2, """
            CREATE TABLE work_items (
                request_id  TEXT PRIMARY KEY NOT NULL,
                step        TEXT NOT NULL,
                due_at      TEXT NOT NULL,
                attempt     INTEGER NOT NULL,
                request     TEXT NOT NULL,
                state       TEXT NOT NULL,
                lease_owner TEXT NULL,
                lease_until TEXT NULL,
                lease_token INTEGER NOT NULL
            );
            CREATE INDEX work_items_due ON work_items (due_at);

            CREATE TABLE replay_guard (
                key        TEXT PRIMARY KEY NOT NULL,
                expires_at TEXT NOT NULL
            );
            CREATE INDEX replay_guard_expiry ON replay_guard (expires_at);

            ALTER TABLE rate_limit_hits ADD COLUMN expires_at TEXT NULL;
            CREATE INDEX rate_limit_hits_expiry ON rate_limit_hits (expires_at);

            CREATE TABLE issued_link_messages (
                request_id      TEXT NOT NULL,
                message_ref     TEXT NOT NULL,
                platform        TEXT NOT NULL,
                requester       TEXT NOT NULL,
                profile         TEXT NOT NULL,
                issued_at       TEXT NOT NULL,
                link_expires_at TEXT NOT NULL,
                removed_at      TEXT NULL,
                PRIMARY KEY (request_id, message_ref)
            );
            INSERT INTO issued_link_messages
                SELECT request_id, message_ref, platform, requester, profile, issued_at, link_expires_at, removed_at FROM issued_links;
            DROP TABLE issued_links;
            CREATE INDEX issued_link_messages_live ON issued_link_messages (requester, issued_at) WHERE removed_at IS NULL;
            """),
        (3, """
            CREATE TABLE audit_prune_gate (open INTEGER NOT NULL);
            INSERT INTO audit_prune_gate (open) VALUES (0);
            DROP TRIGGER audit_events_no_delete;
            CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                WHEN (SELECT open FROM audit_prune_gate) = 0
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
            """),
        (4, """
            ALTER TABLE approvals ADD COLUMN required INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE approvals ADD COLUMN votes TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE approvals ADD COLUMN vote_count INTEGER NOT NULL DEFAULT 0;
            """),
        (5, """
            CREATE TABLE link_tickets (
                id_hash    TEXT PRIMARY KEY NOT NULL,
                request_id TEXT NOT NULL,
                payload    TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at    TEXT NULL
            );
            CREATE INDEX link_tickets_expiry ON link_tickets (expires_at);
            """),
        (6, """
            ALTER TABLE approvals ADD COLUMN session_ends_at TEXT NULL;
            """),
    ];

    public static int Latest => All[^1].Version;
}
