using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Profiles;

/// <summary><c>Profiles:{name}:Approval</c>: who decides, where they are asked (one channel per platform), and for how long.</summary>
public sealed class ApprovalOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    /// <summary>User keys or <c>group:name</c> entries.</summary>
    public List<string> Approvers { get; set; } = [];

    public string? SlackChannel { get; set; }

    public string? TeamsChannel { get; set; }

    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Where approvers of a request from <paramref name="platform"/> are asked; null when that platform has none.</summary>
    public string? ChannelFor(ChatPlatform platform) => platform switch
    {
        ChatPlatform.Slack => Blank(SlackChannel),
        ChatPlatform.Teams => Blank(TeamsChannel),
        _ => null,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
