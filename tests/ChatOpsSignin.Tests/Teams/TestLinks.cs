using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Links;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Tests.Teams;

internal static class TestLinks
{
    public const string SecretUrl = "https://signin.aws.amazon.com/federation?Action=login&SigninToken=SECRET-TOKEN";

    public static readonly ChatUser Alice = new(ChatUserId.Teams(TestActivities.Tenant, "aad-alice"), "alice@contoso.com");

    public static SigninRequest Request(string replyTo, DateTimeOffset at, string profile = "prod-readonly") =>
        new(new RequestId("req_abc123"), Alice, profile, "incident 42", replyTo, at);

    public static LinkDelivery Delivery(SigninRequest request, DateTimeOffset at) => new(
        request,
        new ConsoleLink(new Uri(SecretUrl), at, at + ConsoleLink.Lifetime, at.AddHours(1)),
        new IssuedCredentials(
            new TemporaryCredentials("ASIAEXAMPLE", "secret-key", "session-token", at.AddHours(1)),
            CredentialSource.AssumedRole,
            "arn:aws:sts::111122223333:assumed-role/ReadOnly/alice",
            "arn:aws:iam::111122223333:role/ReadOnly",
            "alice",
            "alice",
            TimeSpan.FromHours(1)));
}
