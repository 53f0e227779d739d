using Amazon.SecurityToken.Model;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>The pieces AssumeRole and GetFederationToken share: session tags and session policies.</summary>
internal static class StsRequestParts
{
    public static List<Tag>? Tags(IReadOnlyDictionary<string, string> tags) =>
        tags.Count == 0 ? null : tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList();

    public static List<PolicyDescriptorType>? PolicyArns(ProfileOptions profile) =>
        profile.PolicyArns.Count == 0 ? null : profile.PolicyArns.Select(a => new PolicyDescriptorType { Arn = a }).ToList();

    public static DateTimeOffset Expiration(Amazon.SecurityToken.Model.Credentials credentials, TimeProvider time, TimeSpan requested) =>
        credentials.Expiration is { } expiration
            ? new DateTimeOffset(DateTime.SpecifyKind(expiration, DateTimeKind.Utc))
            : time.GetUtcNow() + requested;
}
