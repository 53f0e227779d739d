using System.Xml.Linq;

namespace ChatOpsSignin.Tests.Architecture;

/// <summary>Project references are the walls between rooms; heavy packages live in exactly one room.</summary>
public sealed class RoomWallsTests
{
    public static TheoryData<string, string[]> AllowedProjectReferences => new()
    {
        { "ChatOpsSignin.Core", [] },
        { "ChatOpsSignin.Aws", ["ChatOpsSignin.Core"] },
        { "ChatOpsSignin.Storage", ["ChatOpsSignin.Core"] },
        { "ChatOpsSignin.Storage.DynamoDb", ["ChatOpsSignin.Core"] },
        { "ChatOpsSignin.Storage.Postgres", ["ChatOpsSignin.Core"] },
        { "ChatOpsSignin.Slack", ["ChatOpsSignin.Core"] },
        { "ChatOpsSignin.Teams", ["ChatOpsSignin.Core"] },
    };

    public static TheoryData<string, string> PackageHomes => new()
    {
        // AWSSDK by package, not by prefix: STS lives in Aws, DynamoDB in its store room. AWSSDK.Core is referenced only
        // by Aws and reaches Storage.DynamoDb transitively, at the one version Directory.Packages.props pins.
        // AWSSDK.SecurityToken is there only for the SDK credential chain (web identity, role_arn profiles): StsClient does our calls.
        { "AWSSDK.Core", "ChatOpsSignin.Aws" },
        { "AWSSDK.SecurityToken", "ChatOpsSignin.Aws" },
        { "AWSSDK.DynamoDBv2", "ChatOpsSignin.Storage.DynamoDb" },
        { "Microsoft.IdentityModel.", "ChatOpsSignin.Teams" },
        { "Microsoft.Data.Sqlite", "ChatOpsSignin.Storage" },
        { "Npgsql", "ChatOpsSignin.Storage.Postgres" },
        { "OpenTelemetry", "ChatOpsSignin" },
    };

    [Theory]
    [MemberData(nameof(AllowedProjectReferences))]
    public void A_Room_References_Only_The_Core(string project, string[] allowed)
    {
        var references = Project(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!))
            .ToArray();

        Assert.Equal(allowed.Order(), references.Order());
    }

    [Theory]
    [MemberData(nameof(PackageHomes))]
    public void A_Heavy_Package_Lives_In_One_Room(string packagePrefix, string home)
    {
        var users = Directory.GetDirectories(Path.Combine(RepositoryRoot(), "src"))
            .Select(path => Path.GetFileName(path))
            .Where(name => Project(name).Descendants("PackageReference")
                .Any(p => ((string)p.Attribute("Include")!).StartsWith(packagePrefix, StringComparison.Ordinal)))
            .ToArray();

        Assert.Equal([home], users);
    }

    [Fact]
    public void The_Core_Knows_Nothing_Of_Http_Aws_Or_Sql()
    {
        var referenced = typeof(ChatOpsSignin.Core.Requests.ISigninBroker).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.DoesNotContain(referenced, name =>
            name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("AWSSDK", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Data", StringComparison.Ordinal)
            || name.StartsWith("Npgsql", StringComparison.Ordinal)
            || name.StartsWith("System.Net.Http", StringComparison.Ordinal));
    }

    private static XDocument Project(string name) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), "src", name, name + ".csproj"));

    private static string RepositoryRoot() =>
        typeof(RoomWallsTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
}
