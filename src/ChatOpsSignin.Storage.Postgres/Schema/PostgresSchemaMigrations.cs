namespace ChatOpsSignin.Storage.Postgres.Schema;

/// <summary>
/// The schema, as an ordered list of scripts. Never edit a shipped script: append the next version.
/// Keys are <c>COLLATE "C"</c> so they sort byte-wise, as in SQLite, whatever locale the cluster was created with.
/// Times are <c>bigint</c> UTC ticks (100 ns since 0001-01-01, <see cref="DateTimeOffset.UtcTicks"/>): timestamptz keeps
/// only microseconds, and every engine must round-trip and compare instants exactly (the store conformance suite).
/// The <c>audit_trail</c> view shows the audit events with readable timestamptz columns for people with psql.
/// </summary>
internal static class PostgresSchemaMigrations
{
    public static IReadOnlyList<(int Version, string Script)> All { get; } =
    [
        (1, """
            CREATE TABLE approvals (
                request_id        text COLLATE "C" PRIMARY KEY,
                seq               bigint GENERATED ALWAYS AS IDENTITY,
                requester         text NOT NULL,
                requester_handle  text NOT NULL,
                profile           text NOT NULL,
                reason            text NULL,
                reply_to          text NOT NULL,
                requested_at      bigint NOT NULL,
                expires_at        bigint NOT NULL,
                state             text NOT NULL CHECK (state IN ('Pending', 'Approved', 'Denied', 'Expired', 'Cancelled')),
                decided_by        text NULL,
                decided_by_handle text NULL,
                decided_at        bigint NULL,
                prompt_ref        text NULL
            );
            CREATE INDEX approvals_by_requester ON approvals (requester, requested_at DESC, seq DESC);

            CREATE TABLE work_items (
                request_id  text COLLATE "C" PRIMARY KEY,
                step        text NOT NULL,
                due_at      bigint NOT NULL,
                attempt     integer NOT NULL,
                request     jsonb NOT NULL,
                state       jsonb NOT NULL,
                lease_owner text NULL,
                lease_until bigint NULL,
                lease_token bigint NOT NULL
            );
            CREATE INDEX work_items_due ON work_items (due_at);

            CREATE TABLE issued_link_messages (
                request_id      text COLLATE "C" NOT NULL,
                message_ref     text COLLATE "C" NOT NULL,
                platform        text NOT NULL,
                requester       text NOT NULL,
                profile         text NOT NULL,
                issued_at       bigint NOT NULL,
                link_expires_at bigint NOT NULL,
                removed_at      bigint NULL,
                PRIMARY KEY (request_id, message_ref)
            );
            CREATE INDEX issued_link_messages_live ON issued_link_messages (requester, issued_at) WHERE removed_at IS NULL;

            CREATE TABLE audit_events (
                id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                request_id      text NOT NULL,
                type            text NOT NULL,
                at              bigint NOT NULL,
                requester       text NULL,
                handle          text NULL,
                platform        text NULL,
                profile         text NULL,
                role_arn        text NULL,
                session_name    text NULL,
                source_identity text NULL,
                actor           text NULL,
                reason          text NULL,
                code            text NULL,
                duration_ticks  bigint NULL
            );
            CREATE INDEX audit_events_at ON audit_events (at, id);
            CREATE INDEX audit_events_request ON audit_events (request_id);
            CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege'; END $$;
            CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
            CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
                FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
            REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
            CREATE FUNCTION ticks_to_timestamptz(ticks bigint) RETURNS timestamptz LANGUAGE sql IMMUTABLE
                AS $$ SELECT to_timestamp((ticks - 621355968000000000) / 10000000.0) $$;
            CREATE VIEW audit_trail AS
                SELECT id, request_id, type, ticks_to_timestamptz(at) AS at, requester, handle, platform, profile, role_arn,
                       session_name, source_identity, actor, reason, code, duration_ticks / 10000000.0 AS duration_seconds
                FROM audit_events;

            CREATE TABLE rate_limit_hits (
                id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                key        text NOT NULL,
                at         bigint NOT NULL,
                expires_at bigint NOT NULL
            );
            CREATE INDEX rate_limit_hits_by_key ON rate_limit_hits (key, at);
            CREATE INDEX rate_limit_hits_expiry ON rate_limit_hits (expires_at);

            CREATE TABLE replay_guard (
                key        text PRIMARY KEY,
                expires_at bigint NOT NULL
            );
            CREATE INDEX replay_guard_expiry ON replay_guard (expires_at);
            """),
        (2, """
            CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND current_setting('chatops_signin.audit_prune', true) = 'on' THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
                END $$;
            """),
        (3, """
            ALTER TABLE approvals ADD COLUMN required integer NOT NULL DEFAULT 1;
            ALTER TABLE approvals ADD COLUMN votes text NOT NULL DEFAULT '[]';
            ALTER TABLE approvals ADD COLUMN vote_count integer NOT NULL DEFAULT 0;
            """),
        (4, """
            CREATE TABLE link_tickets (
                id_hash    text PRIMARY KEY,
                request_id text NOT NULL,
                payload    text NOT NULL,
                created_at bigint NOT NULL,
                expires_at bigint NOT NULL,
                used_at    bigint NULL
            );
            CREATE INDEX link_tickets_expiry ON link_tickets (expires_at);
            """),
        (5, """
            ALTER TABLE approvals ADD COLUMN session_ends_at bigint NULL;
            """),
    ];

    public static int Latest => All[^1].Version;
}
