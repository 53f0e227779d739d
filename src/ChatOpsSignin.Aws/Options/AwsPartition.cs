namespace ChatOpsSignin.Aws.Options;

/// <summary>
/// Per-partition hosts. Federation and console hosts: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html
/// (aws-us-gov and aws-cn hosts are community-verified only, hence every URL is overridable).
/// </summary>
internal sealed record AwsPartition(string Name, string DnsSuffix, string FederationUrl, string ConsoleHost, bool RegionalConsoleHosts)
{
    public static readonly AwsPartition Commercial =
        new("aws", "amazonaws.com", "https://signin.aws.amazon.com/federation", "console.aws.amazon.com", true);

    public static readonly AwsPartition GovCloud =
        new("aws-us-gov", "amazonaws.com", "https://signin.amazonaws-us-gov.com/federation", "console.amazonaws-us-gov.com", false);

    public static readonly AwsPartition China =
        new("aws-cn", "amazonaws.com.cn", "https://signin.amazonaws.cn/federation", "console.amazonaws.cn", false);

    /// <summary>
    /// The console sign-out endpoint (<c>/oauth?Action=logout&amp;redirect_uri=…</c>). Not documented by AWS: the shape is
    /// community practice (aws-vault's <c>--auto-logout</c>, Leapp, Guardian janus), which found the <c>us-east-1.</c>
    /// regional sign-in host is needed for the redirect to be followed; see research/protocols.md A.7.
    /// </summary>
    public string LogoutUrl => Name switch
    {
        "aws-us-gov" => "https://signin.amazonaws-us-gov.com/oauth",
        "aws-cn" => "https://signin.amazonaws.cn/oauth",
        _ => "https://us-east-1.signin.aws.amazon.com/oauth",
    };

    public static IReadOnlyList<AwsPartition> All { get; } = [Commercial, GovCloud, China];

    public static AwsPartition? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a full console URL stays on this partition's console (no open redirect through a profile).</summary>
    public bool IsConsoleHost(string host) =>
        string.Equals(host, ConsoleHost, StringComparison.OrdinalIgnoreCase)
        || host.EndsWith("." + ConsoleHost, StringComparison.OrdinalIgnoreCase);

    /// <summary>Deep link for a service path: <c>https://&lt;region&gt;.console.aws.amazon.com/&lt;service&gt;/home?region=&lt;region&gt;</c>.</summary>
    public Uri ConsoleUrl(string? servicePath, string? region)
    {
        if (string.IsNullOrEmpty(servicePath))
        {
            return new Uri($"https://{ConsoleHost}/");
        }

        var path = servicePath.Trim('/');
        if (region is null)
        {
            return new Uri($"https://{ConsoleHost}/{path}/home");
        }

        var host = RegionalConsoleHosts ? $"{region}.{ConsoleHost}" : ConsoleHost;
        return path.Contains('/', StringComparison.Ordinal) || path.Contains('?', StringComparison.Ordinal)
            ? new Uri($"https://{host}/{path}")
            : new Uri($"https://{host}/{path}/home?region={region}");
    }
}
