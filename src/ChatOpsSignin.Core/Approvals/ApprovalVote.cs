using System.Text.Json;
using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Approvals;

/// <summary>One approver's Approve. <paramref name="Person"/> is who they are across chat identities (see <see cref="People"/>).</summary>
public sealed record ApprovalVote(ChatUser By, string Person, DateTimeOffset At)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The one stored form of a vote list, shared by every engine: <c>[{"by":"slack:T/U","handle":"…","person":"…","at":"…"}]</c>.</summary>
    public static string ToJson(ValueList<ApprovalVote> votes) =>
        JsonSerializer.Serialize(votes.Select(v => new Stored(v.By.Id.Key, v.By.Handle, v.Person, v.At)), Json);

    public static ValueList<ApprovalVote> FromJson(string? json) => string.IsNullOrWhiteSpace(json)
        ? ValueList<ApprovalVote>.Empty
        : new((JsonSerializer.Deserialize<List<Stored>>(json, Json) ?? [])
            .Select(s => new ApprovalVote(new ChatUser(ChatUserId.Parse(s.By), s.Handle), s.Person, s.At)));

    private sealed record Stored(string By, string Handle, string Person, DateTimeOffset At);
}
