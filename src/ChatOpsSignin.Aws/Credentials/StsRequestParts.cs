using Amazon.SecurityToken.Model;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>The pieces the STS issuers share: session tags, session policies and the credentials they return.</summary>
internal static class StsRequestParts
{
    public static List<Tag>? Tags(IReadOnlyDictionary<string, string> tags) =>
        tags.Count == 0 ? null : tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList();

    public static List<PolicyDescriptorType>? PolicyArns(ProfileOptions profile) =>
        profile.PolicyArns.Count == 0 ? null : profile.PolicyArns.Select(a => new PolicyDescriptorType { Arn = a }).ToList();

    /// <summary>STS's credentials as the core's type; a missing Expiration is taken as now + what was asked.</summary>
    public static TemporaryCredentials ToTemporary(Amazon.SecurityToken.Model.Credentials credentials, TimeProvider time, TimeSpan requested) =>
        new(
            credentials.AccessKeyId,
            credentials.SecretAccessKey,
            credentials.SessionToken,
            credentials.Expiration is { } expiration
                ? new DateTimeOffset(DateTime.SpecifyKind(expiration, DateTimeKind.Utc))
                : time.GetUtcNow() + requested);
}
