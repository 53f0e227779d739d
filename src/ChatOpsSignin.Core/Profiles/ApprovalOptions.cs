using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Profiles;

/// <summary><c>Profiles:{name}:Approval</c>: who decides, where they are asked (one channel per platform), and for how long.</summary>
public sealed class ApprovalOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    /// <summary>User keys or <c>group:name</c> entries.</summary>
    public List<string> Approvers { get; set; } = [];

    /// <summary>Who is mentioned in the prompt (user keys or <c>group:name</c>); empty = the approvers. Being notified gives no say.</summary>
    public List<string> Notify { get; set; } = [];

    public string? SlackChannel { get; set; }

    public string? TeamsChannel { get; set; }

    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>How many distinct approvers must approve (a quorum); at most the number of people in <see cref="Approvers"/>.</summary>
    public int Required { get; set; } = 1;

    /// <summary>After an approval, the same requester gets fresh links for the profile without asking again for this long; null = off.</summary>
    public TimeSpan? ReuseFor { get; set; }

    /// <summary>A request without a reason is refused (with <see cref="ReasonPattern"/>: one that does not match it).</summary>
    public bool RequireReason { get; set; }

    /// <summary>A .NET regular expression the reason must match, e.g. a ticket id <c>^[A-Z]+-\d+</c>; implies <see cref="RequireReason"/>.</summary>
    public string? ReasonPattern { get; set; }

    /// <summary>Where approvers of a request from <paramref name="platform"/> are asked; null when that platform has none.</summary>
    public string? ChannelFor(ChatPlatform platform) => platform switch
    {
        ChatPlatform.Slack => Blank(SlackChannel),
        ChatPlatform.Teams => Blank(TeamsChannel),
        _ => null,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
