using System.Reflection;

namespace ChatOpsSignin.EndToEndTests.Hosting;

/// <summary>Where the repository is, recorded at build time (test binaries may be built outside the tree).</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;
}
