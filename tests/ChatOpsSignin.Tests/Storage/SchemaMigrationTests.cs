using ChatOpsSignin.Storage.Sqlite;

namespace ChatOpsSignin.Tests.Storage;

public sealed class SchemaMigrationTests : IDisposable
{
    private readonly TempDatabase database = new();

    [Fact]
    public async Task First_Open_Creates_The_Folder_And_All_Tables_At_The_Latest_Version()
    {
        var factory = database.NewReplica();

        await using var connection = await factory.OpenAsync(CancellationToken.None);

        Assert.True(File.Exists(database.DatabasePath));
        Assert.Equal(SchemaMigrations.Latest, await SchemaMigrator.ReadVersionAsync(connection, null, CancellationToken.None));
        Assert.Equal(
            ["approvals", "audit_events", "audit_prune_gate", "issued_link_messages", "link_tickets", "rate_limit_hits", "replay_guard", "work_items"],
            await QueryStringsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_Database_Folder_And_Files_Are_Readable_By_The_Bots_User_Only()
    {
        await using (var connection = await database.NewReplica().OpenAsync(CancellationToken.None))
        await using (var write = connection.CreateCommand())
        {
            write.CommandText = "INSERT INTO replay_guard (key, expires_at) VALUES ('k', 'x');";
            await write.ExecuteNonQueryAsync();

            var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(database.DatabasePath)!));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(database.DatabasePath));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(database.DatabasePath + "-wal"));
        }
    }

    [Fact]
    public async Task Connections_Use_Wal_Busy_Timeout_And_Foreign_Keys()
    {
        await using var connection = await database.NewReplica().OpenAsync(CancellationToken.None);

        Assert.Equal(["wal"], await QueryStringsAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal(["5000"], await QueryStringsAsync(connection, "PRAGMA busy_timeout;"));
        Assert.Equal(["1"], await QueryStringsAsync(connection, "PRAGMA foreign_keys;"));
    }

    [Fact]
    public async Task Migrating_Again_Is_A_No_Op_And_Keeps_The_Data()
    {
        var first = database.NewReplica();
        await new ChatOpsSignin.Storage.Approvals.SqliteApprovalStore(first).TryAddAsync(TempDatabase.Approval("req_1"), CancellationToken.None);

        await using var connection = await database.NewReplica().OpenAsync(CancellationToken.None);
        await SchemaMigrator.MigrateAsync(connection, CancellationToken.None);

        Assert.Equal(SchemaMigrations.Latest, await SchemaMigrator.ReadVersionAsync(connection, null, CancellationToken.None));
        Assert.Equal(["req_1"], await QueryStringsAsync(connection, "SELECT request_id FROM approvals;"));
    }

    [Fact]
    public async Task Two_Replicas_Starting_At_Once_Both_Come_Up_On_One_Schema()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => database.NewReplica()).ToArray();

        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.InitialiseAsync(CancellationToken.None))));

        await using var connection = await replicas[0].OpenAsync(CancellationToken.None);
        Assert.Equal(SchemaMigrations.Latest, await SchemaMigrator.ReadVersionAsync(connection, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_Database_From_A_Newer_Build_Is_Refused_By_Name()
    {
        await using (var connection = await database.NewReplica().OpenAsync(CancellationToken.None))
        {
            await QueryStringsAsync(connection, $"PRAGMA user_version = {SchemaMigrations.Latest + 1};");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.NewReplica().InitialiseAsync(CancellationToken.None));

        Assert.Contains("newer than this build", error.Message, StringComparison.Ordinal);
        Assert.Contains(database.DatabasePath, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => database.Dispose();

    internal static async Task<List<string>> QueryStringsAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
