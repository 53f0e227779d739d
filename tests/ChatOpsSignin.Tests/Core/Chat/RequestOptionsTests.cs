using ChatOpsSignin.Core.Chat;

namespace ChatOpsSignin.Tests.Core.Chat;

public sealed class RequestOptionsTests
{
    public static TheoryData<string, string?, string?, string?> Requests => new()
    {
        { "prod -s ec2", "ec2", null, null },
        { "prod --service ec2 -r eu-west-1 INC-42 disk", "ec2", "eu-west-1", "INC-42 disk" },
        { "prod -r EU-WEST-1 -s DDB", "ddb", "eu-west-1", null },
        { "prod --region=us-east-1 --service=s3 why", "s3", "us-east-1", "why" },
        { "prod INC-42 -s ec2", null, null, "INC-42 -s ec2" },
        { "prod -- -5 degrees in the DC", null, null, "-5 degrees in the DC" },
    };

    public static TheoryData<string, string> Invalid => new()
    {
        { "prod -s", "needs a service" },
        { "prod -r", "needs a region" },
        { "prod -s ec2 -s s3", "once" },
        { "prod -x ec2", "do not know the option" },
        { "prod -s ec2/evil", "needs a service" },
        { "prod -s <https://evil.example>", "needs a service" },
    };

    private static readonly CommandSyntax Syntax = new("/aws-console ");

    [Theory]
    [MemberData(nameof(Requests))]
    public void Service_And_Region_Options_Come_Before_The_Reason(string text, string? service, string? region, string? reason)
    {
        var request = Assert.IsType<ChatCommand.Request>(CommandGrammar.Parse(text, Syntax));
        Assert.Equal("prod", request.Profile);
        Assert.Equal(service, request.Service);
        Assert.Equal(region, request.Region);
        Assert.Equal(reason, request.Reason);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_Bad_Option_Says_The_Syntax(string text, string expected)
    {
        var invalid = Assert.IsType<ChatCommand.Invalid>(CommandGrammar.Parse(text, Syntax));
        Assert.Contains(expected, invalid.Problem, StringComparison.Ordinal);
        Assert.Contains("[-s|--service SERVICE] [-r|--region REGION]", invalid.Problem, StringComparison.Ordinal);
    }
}
