using ChatOpsSignin.Storage.Policy;
using ChatOpsSignin.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage;

/// <summary>
/// Commits only append to the WAL; the copy into the database file runs on a connection of its own shortly after
/// (Sqlite/WalCheckpoints). What is in the database file is read with <c>immutable=1</c>, which ignores the WAL.
/// </summary>
public sealed class WalCheckpointsTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider time = new(T0);

    [Fact]
    public async Task A_commit_reaches_the_database_file_only_with_the_checkpoint_after_it()
    {
        using var factory = new SqliteConnectionFactory(database.DatabasePath, time);
        var guard = new SqliteReplayGuard(factory);

        Assert.True(await guard.TryFirstSightingAsync("first", T0, T0.AddMinutes(5), CancellationToken.None));
        Assert.Equal(0, RowsInDatabaseFile("replay_guard"));

        time.Advance(WalCheckpoints.Delay);
        await factory.Checkpoints.Last;

        Assert.Equal(1, factory.Checkpoints.Runs);
        Assert.Equal(1, RowsInDatabaseFile("replay_guard"));
    }

    [Fact]
    public async Task Commits_within_the_delay_share_one_checkpoint_and_a_later_commit_gets_its_own()
    {
        using var factory = new SqliteConnectionFactory(database.DatabasePath, time);
        var guard = new SqliteReplayGuard(factory);

        for (var i = 0; i < 5; i++)
        {
            await guard.TryFirstSightingAsync($"key-{i}", T0, T0.AddMinutes(5), CancellationToken.None);
        }

        time.Advance(WalCheckpoints.Delay);
        await factory.Checkpoints.Last;
        await guard.TryFirstSightingAsync("later", T0, T0.AddMinutes(5), CancellationToken.None);
        Assert.Equal(5, RowsInDatabaseFile("replay_guard"));

        time.Advance(WalCheckpoints.Delay);
        await factory.Checkpoints.Last;

        Assert.Equal(2, factory.Checkpoints.Runs);
        Assert.Equal(6, RowsInDatabaseFile("replay_guard"));
    }

    [Fact]
    public async Task The_writers_own_automatic_checkpoint_is_only_a_backstop()
    {
        using var factory = new SqliteConnectionFactory(database.DatabasePath, time);
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint;";

        Assert.Equal((long)WalCheckpoints.BackstopPages, (long)(await command.ExecuteScalarAsync())!);
    }

    /// <summary>Rows of a table in the database file itself, not counting the WAL (0 when the table is not there yet).</summary>
    private long RowsInDatabaseFile(string table)
    {
        using var connection = new SqliteConnection($"Data Source=file:{database.DatabasePath}?immutable=1;Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        exists.Parameters.AddWithValue("$name", table);
        if ((long)exists.ExecuteScalar()! == 0)
        {
            return 0;
        }

        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM {table};";
        return (long)count.ExecuteScalar()!;
    }

    public void Dispose() => database.Dispose();
}
