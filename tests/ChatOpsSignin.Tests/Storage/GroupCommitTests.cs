using ChatOpsSignin.Storage.Policy;
using ChatOpsSignin.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage;

/// <summary>
/// Concurrent store operations of one process share commits (Sqlite/GroupCommit), and each still returns only once its
/// writes are committed, with its own all-or-nothing savepoint. Operations are made to queue by holding the gate with a
/// connection of the test's own, then letting go.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly TempDatabase database = new();

    [Fact]
    public async Task Operations_queued_together_commit_once_and_are_all_visible_to_another_replica_when_they_return()
    {
        var (sightings, commits) = await QueuedSightingsAsync(40);

        Assert.All(sightings, Assert.True);
        Assert.Equal(1, commits);
        Assert.Equal(41, await CountAsync(database.NewReplica(), "replay_guard"));
    }

    [Fact]
    public async Task A_batch_never_grows_past_its_bound()
    {
        var (_, commits) = await QueuedSightingsAsync(GroupCommit.MaxBatch + 1);

        Assert.Equal(2, commits);
    }

    [Fact]
    public async Task Two_sightings_of_one_key_in_one_batch_are_told_apart()
    {
        var factory = database.NewReplica();
        var guard = new SqliteReplayGuard(factory);

        Task<bool>[] sightings;
        await using (await factory.OpenAsync(CancellationToken.None))
        {
            sightings = [guard.TryFirstSightingAsync("same", T0, T0.AddMinutes(5), CancellationToken.None), guard.TryFirstSightingAsync("same", T0, T0.AddMinutes(5), CancellationToken.None)];
        }

        var seen = await Task.WhenAll(sightings);
        Assert.Equal(new[] { true, false }, seen);
    }

    [Fact]
    public async Task A_savepoint_left_uncommitted_undoes_only_its_own_operation()
    {
        var factory = database.NewReplica();
        var guard = new SqliteReplayGuard(factory);

        Task kept;
        Task abandoned;
        await using (await factory.OpenAsync(CancellationToken.None))
        {
            kept = guard.TryFirstSightingAsync("kept", T0, T0.AddMinutes(5), CancellationToken.None);
            abandoned = InsertThenAbandonAsync(factory);
        }

        await Task.WhenAll(kept, abandoned);
        Assert.Equal(1, await CountAsync(database.NewReplica(), "replay_guard"));
    }

    [Fact]
    public async Task A_failing_statement_fails_its_operation_and_leaves_the_rest_of_the_batch_committed()
    {
        var factory = database.NewReplica();
        var guard = new SqliteReplayGuard(factory);

        Task<bool> kept;
        Task broken;
        await using (await factory.OpenAsync(CancellationToken.None))
        {
            kept = guard.TryFirstSightingAsync("kept", T0, T0.AddMinutes(5), CancellationToken.None);
            broken = ExecuteAsync(factory, "INSERT INTO no_such_table VALUES (1);");
        }

        await Assert.ThrowsAsync<SqliteException>(() => broken);
        Assert.True(await kept);
        Assert.Equal(1, await CountAsync(database.NewReplica(), "replay_guard"));
    }

    [Fact]
    public async Task A_cancelled_wait_for_the_gate_issues_nothing_and_the_queue_moves_on()
    {
        var factory = database.NewReplica();
        var guard = new SqliteReplayGuard(factory);
        using var cancel = new CancellationTokenSource();

        Task<bool> cancelled;
        Task<bool> next;
        await using (await factory.OpenAsync(CancellationToken.None))
        {
            cancelled = guard.TryFirstSightingAsync("cancelled", T0, T0.AddMinutes(5), cancel.Token);
            next = guard.TryFirstSightingAsync("next", T0, T0.AddMinutes(5), CancellationToken.None);
            await cancel.CancelAsync();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(await next);
        Assert.Equal(1, await CountAsync(database.NewReplica(), "replay_guard"));
    }

    [Fact]
    public async Task Back_to_back_batches_and_idle_gaps_share_one_writer_connection()
    {
        var factory = database.NewReplica();
        var guard = new SqliteReplayGuard(factory);
        await guard.TryFirstSightingAsync("warm-up", T0, T0.AddMinutes(5), CancellationToken.None);
        var (commits, opens) = (factory.Commits, factory.WriterOpens);

        Task<bool>[] sightings;
        await using (await factory.OpenAsync(CancellationToken.None))
        {
            sightings = Enumerable.Range(0, 3 * GroupCommit.MaxBatch).Select(i => guard.TryFirstSightingAsync($"key-{i}", T0, T0.AddMinutes(5), CancellationToken.None)).ToArray();
        }

        Assert.All(await Task.WhenAll(sightings), Assert.True);
        Assert.Equal(3, factory.Commits - commits);
        Assert.Equal(1, factory.WriterOpens - opens);

        Assert.True(await guard.TryFirstSightingAsync("alone", T0, T0.AddMinutes(5), CancellationToken.None));
        Assert.True(await guard.TryFirstSightingAsync("alone again", T0, T0.AddMinutes(5), CancellationToken.None));
        Assert.Equal(1, factory.WriterOpens - opens);
        Assert.False(await guard.TryFirstSightingAsync("key-7", T0, T0.AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task A_store_file_replaced_during_an_idle_gap_gets_a_new_writer_that_writes_to_the_new_file()
    {
        var factory = database.NewReplica();
        var guard = new SqliteReplayGuard(factory);
        Assert.True(await guard.TryFirstSightingAsync("before", T0, T0.AddMinutes(5), CancellationToken.None));
        var opens = factory.WriterOpens;

        var copy = database.DatabasePath + ".copy";
        File.Copy(database.DatabasePath, copy);
        File.Move(copy, database.DatabasePath, overwrite: true);

        Assert.True(await guard.TryFirstSightingAsync("after", T0, T0.AddMinutes(5), CancellationToken.None));
        Assert.Equal(1, factory.WriterOpens - opens);
        Assert.Equal(2, await CountAsync(database.NewReplica(), "replay_guard"));
    }

    [Fact]
    public async Task A_store_folder_moved_away_during_an_idle_gap_fails_the_next_operation_instead_of_writing_to_the_moved_file()
    {
        var factory = database.NewReplica();
        var guard = new SqliteReplayGuard(factory);
        Assert.True(await guard.TryFirstSightingAsync("before", T0, T0.AddMinutes(5), CancellationToken.None));

        var folder = Path.GetDirectoryName(database.DatabasePath)!;
        Directory.Move(folder, folder + "-away");
        try
        {
            await Assert.ThrowsAsync<SqliteException>(() => guard.TryFirstSightingAsync("lost", T0, T0.AddMinutes(5), CancellationToken.None));
        }
        finally
        {
            Directory.Move(folder + "-away", folder);
        }

        Assert.True(await guard.TryFirstSightingAsync("back", T0, T0.AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task Statements_past_the_kept_ones_still_run_with_their_own_parameters()
    {
        var factory = database.NewReplica();
        var count = WriterConnection.MaxStatements + 6;

        var answers = new List<long>();
        await using (var session = await factory.SessionAsync(CancellationToken.None))
        {
            for (var i = 0; i < count; i++)
            {
                answers.Add((long)(await session.Command($"SELECT $value + {i};").With("$value", 1000).ExecuteScalarAsync())!);
            }

            answers.Add((long)(await session.Command("SELECT $value + 0;").With("$value", 5).ExecuteScalarAsync())!);
        }

        Assert.Equal(Enumerable.Range(1000, count).Select(v => (long)v).Append(5), answers);
    }

    /// <summary>
    /// <paramref name="count"/> first sightings queued behind a connection the test holds, then let go; they must not
    /// complete while it holds the gate. Returns their answers and the commits they took (after one warm-up sighting).
    /// </summary>
    private async Task<(bool[] Sightings, int Commits)> QueuedSightingsAsync(int count)
    {
        var factory = database.NewReplica();
        var guard = new SqliteReplayGuard(factory);
        await guard.TryFirstSightingAsync("warm-up", T0, T0.AddMinutes(5), CancellationToken.None);
        var before = factory.Commits;

        Task<bool>[] sightings;
        await using (await factory.OpenAsync(CancellationToken.None))
        {
            sightings = Enumerable.Range(0, count).Select(i => guard.TryFirstSightingAsync($"key-{i}", T0, T0.AddMinutes(5), CancellationToken.None)).ToArray();
            Assert.All(sightings, s => Assert.False(s.IsCompleted));
        }

        var answers = await Task.WhenAll(sightings);
        return (answers, factory.Commits - before);
    }

    private static async Task InsertThenAbandonAsync(SqliteConnectionFactory factory)
    {
        await using var session = await factory.SessionAsync(CancellationToken.None);
        await using var savepoint = await session.SavepointAsync(CancellationToken.None);
        await session.Command("INSERT INTO replay_guard (key, expires_at) VALUES ('abandoned', '2100-01-01');").ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(SqliteConnectionFactory factory, string sql)
    {
        await using var session = await factory.SessionAsync(CancellationToken.None);
        await session.Command(sql).ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(SqliteConnectionFactory factory, string table)
    {
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table};";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => database.Dispose();
}
