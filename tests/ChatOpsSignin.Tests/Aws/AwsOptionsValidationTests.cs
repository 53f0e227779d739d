using ChatOpsSignin.Aws;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Core.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Tests.Aws;

public sealed class AwsOptionsValidationTests
{
    [Theory]
    [InlineData("Aws:Partition", "aws-mars", "Aws:Partition: 'aws-mars' is not one of aws, aws-us-gov, aws-cn")]
    [InlineData("Aws:Region", "Europe", "Aws:Region: 'Europe' is not an AWS region name")]
    [InlineData("Aws:StsServiceUrl", "sts.local", "Aws:StsServiceUrl: 'sts.local' is not an absolute http(s) URL")]
    [InlineData("Aws:FederationUrl", "ftp://signin", "Aws:FederationUrl: 'ftp://signin' is not an absolute http(s) URL")]
    [InlineData("Aws:Issuer", "/relative", "Aws:Issuer: '/relative' is not an absolute http(s) URL")]
    [InlineData("Aws:Timeout", "00:10:00", "Aws:Timeout: 00:10:00 is outside")]
    public async Task Bad_Aws_Option_Fails_Start_Naming_The_Key(string key, string value, string expected)
    {
        using var host = Host(new() { [key] = value });
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(exception.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_Profile_Fails_Start_Naming_The_Profile_And_Key()
    {
        using var host = Host(new()
        {
            ["Profiles:prod:Method"] = "AssumeRole",
            ["Profiles:prod:RoleArn"] = "not-an-arn",
            ["Profiles:prod:Allow:0"] = "slack:T1/U1",
        });
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(exception.Failures, f => f.StartsWith("Profiles:prod:RoleArn: 'not-an-arn' is not a role ARN", StringComparison.Ordinal));
    }

    [Fact]
    public void Room_Is_Off_Without_Profiles_And_On_With_Them()
    {
        using var off = Host([]);
        Assert.False(off.Services.GetRequiredService<RoomStatus>().Enabled);

        using var on = Host(AwsRoomHarness.Profiles());
        var status = on.Services.GetRequiredService<RoomStatus>();
        Assert.True(status.Enabled);
        Assert.Equal("Aws", status.Room);
        Assert.Contains("4 profile(s)", status.Why, StringComparison.Ordinal);
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<SigninOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<Amazon.Runtime.AWSCredentials>(new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret"));
        builder.Services.AddAwsRoom(builder.Configuration);
        return builder.Build();
    }
}
