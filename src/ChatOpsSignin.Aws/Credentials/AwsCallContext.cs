namespace ChatOpsSignin.Aws;

/// <summary>What an AWS failure message names: the profile, the call, the role (if any) and whether an ExternalId was sent.</summary>
public sealed record AwsCallContext(string Profile, string Action, string? RoleArn, bool HasExternalId)
{
    public string Describe() => RoleArn is null
        ? $"Profile '{Profile}' ({Action})"
        : $"Profile '{Profile}' ({Action} on {RoleArn})";
}
