namespace ChatOpsSignin.Core.Profiles;

/// <summary>One entry of <c>Profiles:{name}</c>: what a user asks for by name.</summary>
public sealed class ProfileOptions
{
    public SigninMethod Method { get; set; } = SigninMethod.AssumeRole;

    public string? Description { get; set; }

    /// <summary>AssumeRole and Cognito: the role to assume.</summary>
    public string? RoleArn { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>Console session length requested; AWS rules may shorten it (see the Aws room).</summary>
    public TimeSpan SessionDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Console region for the Destination deep link.</summary>
    public string? Region { get; set; }

    /// <summary>A console service path (<c>cloudwatch</c>) or a full console URL.</summary>
    public string? Destination { get; set; }

    /// <summary>Optional: the services <c>-s</c> may name (aliases such as <c>ec2</c>); empty = any known service.</summary>
    public List<string> Services { get; set; } = [];

    /// <summary>Optional: the regions <c>-r</c> may name; empty = any region of the partition.</summary>
    public List<string> Regions { get; set; } = [];

    public List<string> Allow { get; set; } = [];

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Absent: no approval needed.</summary>
    public ApprovalOptions? Approval { get; set; }

    /// <summary>Absent: <c>break-glass</c> is refused for this profile.</summary>
    public BreakGlassOptions? BreakGlass { get; set; }

    /// <summary>FederationToken (and optionally AssumeRole): inline session policy JSON.</summary>
    public string? Policy { get; set; }

    /// <summary>FederationToken (and optionally AssumeRole): managed policy ARNs used as session policies.</summary>
    public List<string> PolicyArns { get; set; } = [];

    /// <summary>Cognito: <c>region:guid</c>.</summary>
    public string? IdentityPoolId { get; set; }

    /// <summary>Cognito: developer provider name; absent means guest (unauthenticated) identities.</summary>
    public string? DeveloperProviderName { get; set; }

    /// <summary>
    /// Cognito without <see cref="DeveloperProviderName"/>: the admin accepts guest identities. Anyone who knows the
    /// (public) identity pool id can get the same credentials without the bot, so allow-list, approval, rate limit and
    /// audit do not protect the role. Without it such a profile is refused at start-up.
    /// </summary>
    public bool AllowGuestIdentities { get; set; }

    /// <summary>A copy whose console session is <paramref name="duration"/> (a break-glass session is shorter).</summary>
    public ProfileOptions WithSessionDuration(TimeSpan duration)
    {
        var copy = (ProfileOptions)MemberwiseClone();
        copy.SessionDuration = duration;
        return copy;
    }
}
