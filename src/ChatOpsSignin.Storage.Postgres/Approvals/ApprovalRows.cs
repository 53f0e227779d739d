using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres.Approvals;

/// <summary>Maps <see cref="PendingApproval"/> to and from a row of <c>approvals</c>.</summary>
internal static class ApprovalRows
{
    public const string Columns =
        "request_id, requester, requester_handle, profile, reason, reply_to, requested_at, expires_at, state, decided_by, decided_by_handle, decided_at, prompt_ref, required, votes, vote_count, session_ends_at";

    public static NpgsqlCommand WithApproval(this NpgsqlCommand command, PendingApproval approval)
    {
        var request = approval.Request;
        return command
            .With("id", request.Id.Value)
            .With("requester", request.Requester.Id.Key)
            .With("requester_handle", request.Requester.Handle)
            .With("profile", request.Profile)
            .With("reason", request.Reason)
            .With("reply_to", request.ReplyTo)
            .With("requested_at", PostgresValues.Time(request.RequestedAt))
            .With("expires_at", PostgresValues.Time(approval.ExpiresAt))
            .With("state", approval.State.ToString())
            .With("decided_by", approval.DecidedBy?.Id.Key)
            .With("decided_by_handle", approval.DecidedBy?.Handle)
            .With("decided_at", PostgresValues.Time(approval.DecidedAt))
            .With("prompt_ref", approval.PromptRef)
            .With("required", approval.Required)
            .With("votes", ApprovalVote.ToJson(approval.Votes))
            .With("vote_count", approval.Votes.Count)
            .With("session_ends_at", PostgresValues.Time(approval.SessionEndsAt));
    }

    public static PendingApproval Read(NpgsqlDataReader reader)
    {
        var request = new SigninRequest(
            new RequestId(reader.ReadText("request_id")),
            new ChatUser(ChatUserId.Parse(reader.ReadText("requester")), reader.ReadText("requester_handle")),
            reader.ReadText("profile"),
            reader.ReadNullableText("reason"),
            reader.ReadText("reply_to"),
            reader.ReadTime("requested_at"))
        {
            BreakGlass = reader.ReadNullableTime("session_ends_at") is not null,
        };
        var decidedBy = reader.ReadNullableText("decided_by") is { } key
            ? new ChatUser(ChatUserId.Parse(key), reader.ReadNullableText("decided_by_handle") ?? string.Empty)
            : null;
        return new PendingApproval(
            request,
            reader.ReadTime("expires_at"),
            reader.ReadEnum<ApprovalState>("state"),
            decidedBy,
            reader.ReadNullableTime("decided_at"),
            reader.ReadNullableText("prompt_ref"))
        {
            Required = reader.GetInt32(reader.GetOrdinal("required")),
            Votes = ApprovalVote.FromJson(reader.ReadText("votes")),
            SessionEndsAt = reader.ReadNullableTime("session_ends_at"),
        };
    }
}
