namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>A real SQLite file in a temp folder, removed afterwards.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("chatops-signin-test-").FullName;

    public string Path => System.IO.Path.Combine(folder, "bot.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
