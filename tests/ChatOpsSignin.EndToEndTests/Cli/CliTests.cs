using System.Text.Json;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Aws;

namespace ChatOpsSignin.EndToEndTests.Cli;

/// <summary>The <c>link</c>, <c>check</c> and <c>audit</c> verbs as separate processes against the loopback AWS stand-in.</summary>
[Trait("Category", "EndToEnd")]
public sealed class CliTests : IAsyncLifetime
{
    private const string RoleArn = "arn:aws:iam::111122223333:role/Dev";
    private readonly string folder = Directory.CreateTempSubdirectory("chatops-cli-").FullName;
    private AwsStandIn aws = null!;

    public async Task InitializeAsync()
    {
        aws = await AwsStandIn.StartAsync();
        aws.AddRole(RoleArn, externalId: "dev-external-id", maxSession: TimeSpan.FromHours(4));
    }

    public async Task DisposeAsync()
    {
        await aws.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private Dictionary<string, string> Environment(params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = aws.BrokerAccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = aws.BrokerSecretAccessKey,
            ["Aws__Region"] = "us-east-1",
            ["Aws__StsServiceUrl"] = aws.StsUrl.AbsoluteUri,
            ["Aws__FederationUrl"] = aws.FederationUrl.AbsoluteUri,
            ["Aws__Issuer"] = "https://chatops.example.com/",
            ["Storage__SqlitePath"] = Path.Combine(folder, "cli.db"),
            ["Profiles__dev__RoleArn"] = RoleArn,
            ["Profiles__dev__ExternalId"] = "dev-external-id",
            ["Profiles__dev__SessionDuration"] = "02:00:00",
            ["Profiles__dev__Region"] = "eu-west-1",
            ["Profiles__dev__Destination"] = "cloudwatch",
            ["Profiles__dev__Allow__0"] = "slack:T1/U1",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }

    [Fact]
    public async Task Link_Prints_A_Url_The_Federation_Endpoint_Accepts_For_The_Role_And_Session()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(Environment(), "link", "dev", "--user", "slack:T1/U1", "--handle", "Alice Smith");

        Assert.True(exitCode == 0, error);
        var login = await ConsoleBrowser.SignInAsync(aws, new Uri(output.Trim()));

        Assert.Equal("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1", login.Destination);
        Assert.Equal(RoleArn, login.RoleArn);
        Assert.StartsWith("Alice.Smith+", login.SessionName, StringComparison.Ordinal);
        Assert.Equal(login.SessionName, login.SourceIdentity);
        Assert.Equal("slack:T1/U1", login.Tags["chat-user"]);
        Assert.Equal(TimeSpan.FromHours(2), login.SessionDuration);
        Assert.DoesNotContain("SigninToken", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_For_A_User_Not_On_The_Allow_List_Is_Refused_And_Calls_No_Aws()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(Environment(), "link", "dev", "--user", "slack:T1/U666", "--handle", "mallory");

        Assert.Equal(3, exitCode);
        Assert.Empty(output);
        Assert.Contains("not_allowed", error, StringComparison.Ordinal);
        Assert.Equal(0, aws.Calls("AssumeRole"));
    }

    [Fact]
    public async Task Link_With_A_Wrong_External_Id_Reports_The_Aws_Refusal()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(
            Environment(("Profiles__dev__ExternalId", "not-the-right-one")), "link", "dev", "--user", "slack:T1/U1", "--handle", "alice");

        Assert.Equal(4, exitCode);
        Assert.Empty(output);
        Assert.Contains("ExternalId", error, StringComparison.Ordinal);
        Assert.Empty(aws.Logins);
    }

    [Fact]
    public async Task Check_Reports_A_Bad_Profile_By_Name_And_Key()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync(
            Environment(("Profiles__broken__RoleArn", "not-an-arn"), ("Profiles__broken__Allow__0", "slack:T1/U1")), "check");

        Assert.Equal(2, exitCode);
        Assert.Contains("Profiles:broken:RoleArn", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^✓ dev +AssumeRole +2h ", output);
        Assert.Matches(@"(?m)^✗ broken +AssumeRole +1h +fix: Profiles:broken:RoleArn: 'not-an-arn' is not a role ARN", output);
        Assert.Contains("check FAILED: 1 of 2 profile(s) failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Assumes_Each_Role_And_Reports_The_Session_Length()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(Environment(), "check");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("✓ broker: " + AwsStandIn.BrokerUserArn, output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^✓ dev +AssumeRole +2h +long-term broker keys", output);
        Assert.Contains("check passed", output, StringComparison.Ordinal);
        Assert.Equal(1, aws.Calls("AssumeRole"));
    }

    [Fact]
    public async Task Check_Says_Which_Link_Mode_Is_On()
    {
        var (_, direct, _) = await CliProcess.RunAsync(Environment(), "check", "--offline");
        var (_, clickThrough, _) = await CliProcess.RunAsync(
            Environment(("Links__PublicBaseUrl", "https://chatops.example.com/"), ("Links__LogoutFirst", "true")), "check", "--offline");

        Assert.Matches(@"(?m)^✓ links: direct: the AWS sign-in URL is posted in chat", direct);
        Assert.Matches(@"(?m)^✓ links: click-through: chat gets https://chatops.example.com/go/<id> .*; signs out of any console session first", clickThrough);
    }

    [Fact]
    public async Task Check_Json_Gives_The_Report_To_Scripts()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(
            Environment(("Profiles__broken__RoleArn", "not-an-arn"), ("Profiles__broken__Allow__0", "slack:T1/U1")), "check", "--json");

        Assert.True(exitCode == 2, output + error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("passed").GetBoolean());
        Assert.False(root.GetProperty("offline").GetBoolean());
        Assert.Equal(AwsStandIn.BrokerUserArn, root.GetProperty("broker").GetProperty("arn").GetString());
        Assert.True(root.GetProperty("broker").GetProperty("ok").GetBoolean());
        Assert.Equal(0, root.GetProperty("configurationErrors").GetArrayLength());
        var profiles = root.GetProperty("profiles").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["broken", "dev"], profiles.Keys.Order(StringComparer.Ordinal));

        var dev = profiles["dev"];
        Assert.True(dev.GetProperty("ok").GetBoolean());
        Assert.Equal("AssumeRole", dev.GetProperty("method").GetString());
        Assert.Equal(7200, dev.GetProperty("consoleSessionSeconds").GetInt32());
        Assert.Equal("Passed", dev.GetProperty("credentials").GetString());
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/Dev/", dev.GetProperty("principalArn").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, dev.GetProperty("fix").GetArrayLength());

        var broken = profiles["broken"];
        Assert.False(broken.GetProperty("ok").GetBoolean());
        Assert.Equal("Skipped", broken.GetProperty("credentials").GetString());
        Assert.StartsWith("Profiles:broken:RoleArn:", broken.GetProperty("fix")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Exits_Non_Zero_And_Says_What_To_Fix_When_Aws_Refuses_A_Profile()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(Environment(("Profiles__dev__ExternalId", "not-the-right-one")), "check");

        Assert.True(exitCode == 4, output + error);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("✗ dev ", StringComparison.Ordinal));
        Assert.Contains("AssumeRole", line, StringComparison.Ordinal);
        Assert.Contains("fix: access_denied:", line, StringComparison.Ordinal);
        Assert.Contains("Profiles:dev:ExternalId", line, StringComparison.Ordinal);
        Assert.Contains("check FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Keeps_Log_Lines_Off_Stdout_Whatever_The_Logging_Configuration()
    {
        // An AWS refusal makes the issuer log a warning; the admin's configuration asks for everything, on stdout.
        var (exitCode, output, error) = await CliProcess.RunAsync(
            Environment(("Profiles__dev__ExternalId", "not-the-right-one"), ("Logging__LogLevel__Default", "Trace"),
                ("Logging__Console__LogToStandardErrorThreshold", "None")),
            "check");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("warn: ChatOpsSignin.Aws.Credentials.AssumeRoleIssuer", error, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^(info|dbug|trce): ", error);
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line =>
            Assert.Matches(@"^(✓ |✗ |  ⚠ |check (passed|FAILED)|→ )", line));
    }

    [Fact]
    public async Task Check_Offline_Validates_Without_Calling_Aws()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(Environment(), "check", "--offline");

        Assert.True(exitCode == 0, output + error);
        Assert.Matches(@"(?m)^✓ dev +AssumeRole +2h ", output);
        Assert.Contains("--offline", output, StringComparison.Ordinal);
        Assert.Contains("→ who can reach what:", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^→ dev requester: \S+ via listed$", output);
        Assert.Equal(0, aws.Calls("AssumeRole"));
        Assert.Equal(0, aws.Calls("GetCallerIdentity"));
    }

    [Fact]
    public async Task Audit_Shows_The_Story_Of_A_Cli_Link_Without_The_Url()
    {
        var environment = Environment();
        var (linkExit, url, _) = await CliProcess.RunAsync(environment, "link", "dev", "--user", "slack:T1/U1", "--handle", "alice", "--reason", "INC-42");
        Assert.Equal(0, linkExit);

        var (exitCode, output, _) = await CliProcess.RunAsync(environment, "audit", "--since", "1h", "--user", "slack:T1/U1", "--json");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"type\":\"Requested\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"INC-42\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"type\":\"CredentialsIssued\"", lines[1], StringComparison.Ordinal);
        Assert.Contains($"\"roleArn\":\"{RoleArn}\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"type\":\"LinkDelivered\"", lines[2], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.Contains("\"platform\":\"Cli\"", line, StringComparison.Ordinal));
        Assert.DoesNotContain(url.Trim(), output, StringComparison.Ordinal);
        Assert.DoesNotContain("SigninToken", output, StringComparison.Ordinal);
    }
}
