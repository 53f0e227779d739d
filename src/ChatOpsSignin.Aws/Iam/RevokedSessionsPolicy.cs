using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOpsSignin.Aws.Iam;

/// <summary>
/// The inline policy <c>chatops-signin-revocations</c> on a target role: one Deny statement per revoked session, matching only
/// that session (its SourceIdentity, or <c>aws:userid</c> <c>*:&lt;session name&gt;</c> when it has none) and only
/// credentials issued before the revoke (<c>aws:TokenIssueTime</c>), as IAM's own "Revoke active sessions" does
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html). The Sid carries the request id
/// and the time after which the session cannot exist any more, so the sweep needs nothing but the policy itself.
/// </summary>
internal static partial class RevokedSessionsPolicy
{
    public const string PolicyName = "chatops-signin-revocations";

    /// <summary>A policy document, not HTML: session names keep their <c>+</c> (IAM counts escapes towards its limit).</summary>
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>IAM's limit on all of a role's inline policies together, whitespace not counted.</summary>
    public const int InlineLimit = 10_240;

    /// <summary><c>ChatOpsRevoke&lt;request id in [A-Za-z0-9]&gt;Until&lt;unix seconds&gt;</c>: IAM allows only those characters in a Sid.</summary>
    public static string Sid(string requestId, DateTimeOffset removeAfter) =>
        SidPrefix(requestId) + removeAfter.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string SidPrefix(string requestId) =>
        "ChatOpsRevoke" + NotSidCharacter().Replace(requestId.Replace("req_", string.Empty, StringComparison.Ordinal), string.Empty) + "Until";

    public static bool Holds(string? document, string requestId) =>
        Statements(document).Any(s => s["Sid"]?.GetValue<string>() is { } sid && sid.StartsWith(SidPrefix(requestId), StringComparison.Ordinal));

    /// <summary>Drops the statement of <paramref name="requestId"/>, and those of sessions that have ended; null when none is left.</summary>
    public static string? Without(string? document, string requestId, DateTimeOffset now)
    {
        var statements = Statements(Without(document, now));
        statements.RemoveAll(s => s["Sid"]?.GetValue<string>() is { } sid && sid.StartsWith(SidPrefix(requestId), StringComparison.Ordinal));
        return Document(statements);
    }

    /// <summary>Adds (or replaces) the statement of one session.</summary>
    public static string With(string? document, RevokedSession session)
    {
        var statements = Statements(document);
        var sid = Sid(session.RequestId, session.RemoveAfter);
        statements.RemoveAll(s => s["Sid"]?.GetValue<string>() == sid);
        JsonObject match = session.SourceIdentity is { } source
            ? new JsonObject { ["StringEquals"] = new JsonObject { ["aws:SourceIdentity"] = source } }
            : new JsonObject { ["StringLike"] = new JsonObject { ["aws:userid"] = "*:" + session.SessionName } };
        match["DateLessThanEquals"] = new JsonObject { ["aws:TokenIssueTime"] = UpToTheSecond(session.RevokedAt) };
        statements.Add(new JsonObject { ["Sid"] = sid, ["Effect"] = "Deny", ["Action"] = "*", ["Resource"] = "*", ["Condition"] = match });
        return Document(statements)!;
    }

    /// <summary>Drops statements whose session has ended by <paramref name="now"/>; null when none is left.</summary>
    public static string? Without(string? document, DateTimeOffset now)
    {
        var statements = Statements(document);
        statements.RemoveAll(s => s["Sid"]?.GetValue<string>() is { } sid && RemoveAfter(sid) is { } after && after <= now);
        return Document(statements);
    }

    /// <summary>The revoke time rounded up to a whole second, so a token issued in the same second as the revoke is still denied.</summary>
    internal static string UpToTheSecond(DateTimeOffset at)
    {
        var seconds = DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
        var up = seconds < at ? seconds.AddSeconds(1) : seconds;
        return up.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    public static int Size(string document) => document.Count(c => !char.IsWhiteSpace(c));

    private static DateTimeOffset? RemoveAfter(string sid) =>
        SidPattern().Match(sid) is { Success: true } m && long.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static List<JsonObject> Statements(string? document) =>
        document is null || JsonNode.Parse(document)?["Statement"] is not JsonArray array
            ? []
            : array.OfType<JsonObject>().Select(s => (JsonObject)s.DeepClone()).ToList();

    private static string? Document(List<JsonObject> statements) => statements.Count == 0
        ? null
        : new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) }.ToJsonString(Compact);

    [GeneratedRegex(@"^ChatOpsRevoke[A-Za-z0-9]*?Until(\d+)$")]
    private static partial Regex SidPattern();

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NotSidCharacter();
}

/// <param name="RemoveAfter">The latest end of the session's credentials: after it the statement has nothing left to deny.</param>
public sealed record RevokedSession(string RequestId, string SessionName, string? SourceIdentity, DateTimeOffset RevokedAt, DateTimeOffset RemoveAfter);
