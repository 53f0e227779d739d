namespace ChatOpsSignin.Tests.Aws;

public sealed class SecretLoggingTests
{
    [Fact]
    public async Task Logs_Never_Contain_Keys_Tokens_Or_The_Signin_Url()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var (issued, link) = await room.SignInAsync("prod-readonly");
        var (developer, _) = await room.SignInAsync("cognito-dev");

        // Failure paths log too: a refused federation call and a refused AssumeRole.
        room.StandIn.FailNext("getSigninToken", 400, "Invalid credentials parameter");
        var refused = await room.Links.CreateAsync(issued, "prod-readonly", room.Profile("prod-readonly"), CancellationToken.None);
        Assert.False(refused.Succeeded);
        room.StandIn.FailNext("AssumeRole", 403, "AccessDenied");
        Assert.False((await room.IssueAsync("prod-readonly")).Succeeded);

        var logs = room.Logs.Collector.GetSnapshot();
        Assert.NotEmpty(logs);
        var text = string.Join("\n", logs.Select(l => $"{l.Message} {l.Exception} {string.Join(",", l.StructuredState?.Select(s => s.Value) ?? [])}"));
        string[] secrets =
        [
            room.StandIn.BrokerAccessKeyId, room.StandIn.BrokerSecretAccessKey,
            issued.Credentials.AccessKeyId, issued.Credentials.SecretAccessKey, issued.Credentials.SessionToken,
            developer.Credentials.SessionToken, link.Url.Query, "SigninToken", "sessionKey", "Session=",
        ];
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"found '{secret}' in:\n{text}");
        }
    }

    [Fact]
    public void Secret_Holding_Types_Redact_ToString()
    {
        var token = new ChatOpsSignin.Aws.Links.SigninToken("very-secret");
        var openId = new ChatOpsSignin.Aws.Cognito.CognitoOpenIdToken("us-east-1:abc", "jwt-secret");
        Assert.DoesNotContain("very-secret", token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("jwt-secret", openId.ToString(), StringComparison.Ordinal);
    }
}
