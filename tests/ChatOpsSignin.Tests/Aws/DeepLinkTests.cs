using System.Net;
using ChatOpsSignin.Core.Links;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsSignin.Tests.Aws;

/// <summary>-s / -r: checked against known services, the partition's regions and the profile's own lists; then the link lands there.</summary>
public sealed class DeepLinkTests
{
    public static TheoryData<string?, string?, string> Destinations => new()
    {
        { "ec2", "us-east-1", "https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1" },
        { "ddb", null, "https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1" },
        { "iam", "us-east-1", "https://console.aws.amazon.com/iam/home" },
        { null, "us-west-2", "https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2" },
    };

    [Theory]
    [MemberData(nameof(Destinations))]
    public async Task The_Link_Lands_On_The_Service_And_Region_Asked(string? service, string? region, string expected)
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var issued = await room.IssueAsync("prod-readonly");
        var link = await room.Links.CreateAsync(
            issued.Value!, "prod-readonly", room.Profile("prod-readonly"), new ConsoleTarget(service, region), CancellationToken.None);

        using var response = await AwsRoomHarness.OpenAsync(link.Value!);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(expected, Assert.Single(room.StandIn.Logins).Destination);
    }

    [Fact]
    public async Task GovCloud_Deep_Links_Use_Its_Console_Host()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s =>
        {
            s["Aws:Partition"] = "aws-us-gov";
            s["Aws:Region"] = "us-gov-west-1";
            s["Profiles:prod-readonly:RoleArn"] = "arn:aws-us-gov:iam::111122223333:role/ReadOnly";
            s["Profiles:prod-readonly:Region"] = "us-gov-west-1";
            foreach (var key in s.Keys.Where(k => !k.StartsWith("Profiles:prod-readonly", StringComparison.Ordinal) && k.StartsWith("Profiles:", StringComparison.Ordinal)).ToList())
            {
                s.Remove(key);
            }
        });
        var rules = new ConsoleTargetRules(room.Services.GetRequiredService<IConsoleCatalog>());
        var profile = room.Profile("prod-readonly");

        Assert.Null(rules.Refuse("prod-readonly", profile, new ConsoleTarget("ec2", "us-gov-east-1")));
        var refused = rules.Refuse("prod-readonly", profile, new ConsoleTarget(null, "eu-west-1"));
        Assert.Equal("unknown_region", refused?.Code);
        Assert.Contains("us-gov-west-1, us-gov-east-1", refused!.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_Service_Or_Region_Is_Refused_With_The_Valid_Ones()
    {
        await using var room = await AwsRoomHarness.StartAsync();
        var rules = new ConsoleTargetRules(room.Services.GetRequiredService<IConsoleCatalog>());
        var profile = room.Profile("prod-readonly");

        var service = rules.Refuse("prod-readonly", profile, new ConsoleTarget("ec3", null));
        var region = rules.Refuse("prod-readonly", profile, new ConsoleTarget(null, "eu-west-9"));

        Assert.Equal("unknown_service", service?.Code);
        Assert.Contains("ec2, s3, cloudwatch, dynamodb, iam, lambda, rds", service!.UserMessage, StringComparison.Ordinal);
        Assert.Equal("unknown_region", region?.Code);
        Assert.Contains("eu-west-1", region!.UserMessage, StringComparison.Ordinal);
        Assert.Null(rules.Refuse("prod-readonly", profile, new ConsoleTarget("DDB", "eu-central-1")));
    }

    [Fact]
    public async Task The_Profile_Lists_Narrow_What_May_Be_Asked()
    {
        await using var room = await AwsRoomHarness.StartAsync(configure: s =>
        {
            s["Profiles:prod-readonly:Services:0"] = "ec2";
            s["Profiles:prod-readonly:Services:1"] = "dynamodb";
            s["Profiles:prod-readonly:Regions:0"] = "eu-west-1";
        });
        var rules = new ConsoleTargetRules(room.Services.GetRequiredService<IConsoleCatalog>());
        var profile = room.Profile("prod-readonly");

        Assert.Null(rules.Refuse("prod-readonly", profile, new ConsoleTarget("ddb", "eu-west-1")));
        var service = rules.Refuse("prod-readonly", profile, new ConsoleTarget("s3", null));
        var region = rules.Refuse("prod-readonly", profile, new ConsoleTarget(null, "us-east-1"));
        Assert.EndsWith("Valid: ec2, dynamodb.", service!.UserMessage, StringComparison.Ordinal);
        Assert.EndsWith("Valid: eu-west-1.", region!.UserMessage, StringComparison.Ordinal);
    }
}
