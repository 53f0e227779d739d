using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Approvals;

/// <summary>Maps <see cref="PendingApproval"/> to and from a row of <c>approvals</c>.</summary>
internal static class ApprovalRows
{
    public const string Columns =
        "request_id, requester, requester_handle, profile, reason, reply_to, requested_at, expires_at, state, decided_by, decided_by_handle, decided_at, prompt_ref, required, votes, vote_count, session_ends_at";

    public static SqliteCommand WithApproval(this SqliteCommand command, PendingApproval approval)
    {
        var request = approval.Request;
        return command
            .With("$id", request.Id.Value)
            .With("$requester", request.Requester.Id.Key)
            .With("$requester_handle", request.Requester.Handle)
            .With("$profile", request.Profile)
            .With("$reason", request.Reason)
            .With("$reply_to", request.ReplyTo)
            .With("$requested_at", SqliteValues.Time(request.RequestedAt))
            .With("$expires_at", SqliteValues.Time(approval.ExpiresAt))
            .With("$state", approval.State.ToString())
            .With("$decided_by", approval.DecidedBy?.Id.Key)
            .With("$decided_by_handle", approval.DecidedBy?.Handle)
            .With("$decided_at", SqliteValues.Time(approval.DecidedAt))
            .With("$prompt_ref", approval.PromptRef)
            .With("$required", approval.Required)
            .With("$votes", ApprovalVote.ToJson(approval.Votes))
            .With("$vote_count", approval.Votes.Count)
            .With("$session_ends_at", SqliteValues.Time(approval.SessionEndsAt));
    }

    public static PendingApproval Read(SqliteDataReader reader)
    {
        var request = new SigninRequest(
            new RequestId(SqliteValues.ReadText(reader, "request_id")),
            new ChatUser(ChatUserId.Parse(SqliteValues.ReadText(reader, "requester")), SqliteValues.ReadText(reader, "requester_handle")),
            SqliteValues.ReadText(reader, "profile"),
            SqliteValues.ReadNullableText(reader, "reason"),
            SqliteValues.ReadText(reader, "reply_to"),
            SqliteValues.ReadTime(reader, "requested_at"))
        {
            BreakGlass = SqliteValues.ReadNullableTime(reader, "session_ends_at") is not null,
        };
        var decidedBy = SqliteValues.ReadNullableText(reader, "decided_by") is { } key
            ? new ChatUser(ChatUserId.Parse(key), SqliteValues.ReadNullableText(reader, "decided_by_handle") ?? string.Empty)
            : null;
        return new PendingApproval(
            request,
            SqliteValues.ReadTime(reader, "expires_at"),
            SqliteValues.ReadEnum<ApprovalState>(reader, "state"),
            decidedBy,
            SqliteValues.ReadNullableTime(reader, "decided_at"),
            SqliteValues.ReadNullableText(reader, "prompt_ref"))
        {
            Required = reader.GetInt32(reader.GetOrdinal("required")),
            Votes = ApprovalVote.FromJson(SqliteValues.ReadText(reader, "votes")),
            SessionEndsAt = SqliteValues.ReadNullableTime(reader, "session_ends_at"),
        };
    }

    public static async Task<List<PendingApproval>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var approvals = new List<PendingApproval>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            approvals.Add(Read(reader));
        }

        return approvals;
    }
}
