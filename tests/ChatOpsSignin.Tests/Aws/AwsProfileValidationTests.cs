using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Core.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Tests.Aws;

public sealed class AwsProfileValidationTests
{
    public static TheoryData<string, string, string?, string> BadProfiles => new()
    {
        { "AssumeRole without a RoleArn", "RoleArn", null, "Profiles:p:RoleArn: is required" },
        { "RoleArn that is a user", "RoleArn", "arn:aws:iam::111122223333:user/bob", "Profiles:p:RoleArn: 'arn:aws:iam::111122223333:user/bob' is not a role ARN" },
        { "RoleArn with a short account", "RoleArn", "arn:aws:iam::1234:role/x", "Profiles:p:RoleArn:" },
        { "RoleArn of another partition", "RoleArn", "arn:aws-cn:iam::111122223333:role/x", "not a role ARN of partition aws" },
        { "ExternalId too short", "ExternalId", "x", "Profiles:p:ExternalId: must be 2-1224" },
        { "ExternalId with a space", "ExternalId", "a b", "Profiles:p:ExternalId:" },
        { "SessionDuration under 15 minutes", "SessionDuration", "00:10:00", "Profiles:p:SessionDuration: 00:10:00 is outside" },
        { "SessionDuration over 12 hours", "SessionDuration", "13:00:00", "Profiles:p:SessionDuration: 13:00:00 is outside" },
        { "Destination on another host", "Destination", "https://evil.example.com/console", "Profiles:p:Destination: a full URL must be https on the aws console host" },
        { "Destination on a look-alike host", "Destination", "https://console.aws.amazon.com.evil.example/", "Profiles:p:Destination:" },
        { "Destination over http", "Destination", "http://console.aws.amazon.com/", "Profiles:p:Destination:" },
        { "Destination path escaping", "Destination", "../../evil", "Profiles:p:Destination: '../../evil' is neither" },
        { "Region that is not a region", "Region", "Europe", "Profiles:p:Region: 'Europe' is not an AWS region" },
        { "Policy that is not JSON", "Policy", "allow everything", "Profiles:p:Policy: is not a JSON policy document" },
        { "Policy over 2048 characters", "Policy", "{\"a\":\"" + new string('x', 2050) + "\"}", "Profiles:p:Policy: is 2058 characters" },
        { "Tag with a reserved key", "Tags:chat-user", "me", "Profiles:p:Tags:chat-user: is set by the broker itself" },
        { "Tag key with a forbidden character", "Tags:bad;key", "x", "Profiles:p:Tags:bad;key: a tag key must be" },
        { "Tag value with a forbidden character", "Tags:team", "a;b", "Profiles:p:Tags:team: a tag value must be" },
        { "Services naming an unknown service", "Services:0", "ec3", "Profiles:p:Services: 'ec3' is not a console service I know. Known: ec2, s3" },
        { "Regions naming another partition's region", "Regions:0", "cn-north-1", "Profiles:p:Regions: 'cn-north-1' is not a region of the aws partition" },
        { "IdentityPoolId on an AssumeRole profile", "IdentityPoolId", "us-east-1:0000aaaa-1111", "Profiles:p:IdentityPoolId: is not used by Method AssumeRole" },
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public void Bad_AssumeRole_Profile_Is_Rejected_Naming_The_Key(string because, string key, string? value, string expected)
    {
        var settings = Valid("AssumeRole");
        settings[$"Profiles:p:{key}"] = value;
        var errors = Validate(settings);
        Assert.True(errors.Any(e => e.Contains(expected, StringComparison.Ordinal)), $"{because}: got [{string.Join(" | ", errors)}]");
    }

    [Fact]
    public void Valid_Profiles_Pass()
    {
        Assert.Empty(Validate(AwsRoomHarness.Profiles()));
    }

    [Fact]
    public void FederationToken_Without_Any_Session_Policy_Is_Rejected()
    {
        var settings = Valid("FederationToken");
        settings.Remove("Profiles:p:RoleArn");
        Assert.Contains(Validate(settings), e => e.StartsWith("Profiles:p:Policy: a FederationToken profile needs Policy and/or PolicyArns", StringComparison.Ordinal));
    }

    [Fact]
    public void FederationToken_With_A_RoleArn_Is_Rejected()
    {
        var settings = Valid("FederationToken");
        settings["Profiles:p:PolicyArns:0"] = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        Assert.Contains(Validate(settings), e => e.StartsWith("Profiles:p:RoleArn: is not used by Method FederationToken", StringComparison.Ordinal));
    }

    [Fact]
    public void FederationToken_Allows_36_Hours_But_Not_More()
    {
        var settings = Valid("FederationToken");
        settings.Remove("Profiles:p:RoleArn");
        settings["Profiles:p:PolicyArns:0"] = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        settings["Profiles:p:SessionDuration"] = "1.12:00:00";
        Assert.Empty(Validate(settings));
        settings["Profiles:p:SessionDuration"] = "1.12:00:01";
        Assert.Contains(Validate(settings), e => e.StartsWith("Profiles:p:SessionDuration:", StringComparison.Ordinal));
    }

    [Fact]
    public void More_Than_Ten_PolicyArns_Are_Rejected()
    {
        var settings = Valid("AssumeRole");
        for (var i = 0; i < 11; i++)
        {
            settings[$"Profiles:p:PolicyArns:{i}"] = $"arn:aws:iam::aws:policy/P{i}";
        }

        Assert.Contains(Validate(settings), e => e.StartsWith("Profiles:p:PolicyArns: has 11 entries", StringComparison.Ordinal));
    }

    [Fact]
    public void More_Than_47_Profile_Tags_Are_Rejected_Because_The_Broker_Adds_Three()
    {
        var settings = Valid("AssumeRole");
        for (var i = 0; i < 48; i++)
        {
            settings[$"Profiles:p:Tags:k{i}"] = "v";
        }

        Assert.Contains(Validate(settings), e => e.StartsWith("Profiles:p:Tags: has 48 tags", StringComparison.Ordinal));
        settings.Remove("Profiles:p:Tags:k47");
        Assert.Empty(Validate(settings));
    }

    [Theory]
    [InlineData(null, "Profiles:p:IdentityPoolId: is required")]
    [InlineData("not-a-pool", "Profiles:p:IdentityPoolId: 'not-a-pool' is not an identity pool id")]
    public void Cognito_Needs_A_Valid_IdentityPoolId(string? pool, string expected)
    {
        var settings = Valid("Cognito");
        settings["Profiles:p:IdentityPoolId"] = pool;
        Assert.Contains(Validate(settings), e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Cognito_Needs_A_RoleArn_And_Takes_No_Tags_Or_ExternalId()
    {
        var settings = Valid("Cognito");
        settings.Remove("Profiles:p:RoleArn");
        settings["Profiles:p:Tags:team"] = "ops";
        settings["Profiles:p:ExternalId"] = "ext-123";
        var errors = Validate(settings);
        Assert.Contains(errors, e => e.StartsWith("Profiles:p:RoleArn: is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Profiles:p:Tags: the Cognito flow cannot set session tags", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Profiles:p:ExternalId: is not used by Method Cognito", StringComparison.Ordinal));
    }

    [Fact]
    public void Cognito_Guest_Identities_Are_Refused_Unless_The_Profile_Allows_Them()
    {
        var settings = Valid("Cognito");
        Assert.Contains(Validate(settings), e => e.StartsWith("Profiles:p:DeveloperProviderName: is not set, so this profile uses Cognito guest identities", StringComparison.Ordinal)
            && e.Contains("AllowGuestIdentities: true", StringComparison.Ordinal)
            && e.Contains("bypassing allow-list, approval, rate limit and audit", StringComparison.Ordinal));

        settings["Profiles:p:AllowGuestIdentities"] = "true";
        Assert.Empty(Validate(settings));

        settings["Profiles:p:AllowGuestIdentities"] = null;
        settings["Profiles:p:DeveloperProviderName"] = "login.chatops";
        Assert.Empty(Validate(settings));
    }

    [Theory]
    [InlineData("AssumeRole", null)]
    [InlineData("Cognito", "login.chatops")]
    public void AllowGuestIdentities_Is_Refused_Where_There_Are_No_Guests(string method, string? provider)
    {
        var settings = Valid(method);
        settings["Profiles:p:DeveloperProviderName"] = provider;
        settings["Profiles:p:AllowGuestIdentities"] = "true";
        Assert.Contains(Validate(settings), e => e.StartsWith("Profiles:p:AllowGuestIdentities: only applies to a Cognito profile without DeveloperProviderName", StringComparison.Ordinal));
    }

    [Fact]
    public void Full_Console_Url_On_The_Partition_Host_Is_Accepted_And_Checked_Per_Partition()
    {
        var settings = Valid("AssumeRole");
        settings["Profiles:p:Destination"] = "https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances";
        Assert.Empty(Validate(settings));

        settings["Aws:Partition"] = "aws-cn";
        settings["Profiles:p:RoleArn"] = "arn:aws-cn:iam::111122223333:role/ReadOnly";
        Assert.Contains(Validate(settings), e => e.Contains("console.amazonaws.cn", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Valid(string method) => new()
    {
        ["Profiles:p:Method"] = method,
        ["Profiles:p:RoleArn"] = "arn:aws:iam::111122223333:role/team/ReadOnly",
        ["Profiles:p:IdentityPoolId"] = method == "Cognito" ? AwsRoomHarness.GuestPool : null,
        ["Profiles:p:Allow:0"] = "slack:T1/U1",
    };

    private static IReadOnlyList<string> Validate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = configuration.Get<SigninOptions>()!;
        var result = new AwsProfileValidator(configuration).Validate(null, options);
        return result.Failed ? [.. result.Failures] : [];
    }
}
