using ChatOpsSignin.Storage.Policy;
using ChatOpsSignin.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage;

/// <summary>
/// A shared commit (Sqlite/SharedCommitScope): the store operations of one flow inside the scope are one transaction,
/// committed when the scope is disposed, and nothing of it is seen by anyone else before that.
/// </summary>
public sealed class SharedCommitTests : IDisposable
{
    private readonly TempDatabase database = new();
    private SqliteConnectionFactory? otherReplica;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Operations_inside_a_scope_commit_once_when_it_ends_and_not_before()
    {
        var (factory, guard) = await WarmReplicaAsync();
        var before = factory.Commits;

        var scope = factory.Begin();
        bool[] sightings = [await SightAsync(guard, "a"), await SightAsync(guard, "b"), await SightAsync(guard, "c")];

        Assert.All(sightings, Assert.True);
        Assert.Equal(1, await CountAsync(otherReplica!));
        Assert.False(scope.Committed.IsCompleted);

        await scope.DisposeAsync();

        Assert.Equal(1, factory.Commits - before);
        Assert.True(scope.Committed.IsCompletedSuccessfully);
        Assert.Equal(4, await CountAsync(otherReplica!));
    }

    [Fact]
    public async Task An_operation_inside_a_scope_sees_the_scopes_earlier_writes()
    {
        var (factory, guard) = await WarmReplicaAsync();

        await using (factory.Begin())
        {
            Assert.True(await SightAsync(guard, "once"));
            Assert.False(await SightAsync(guard, "once"));
        }

        Assert.False(await SightAsync(guard, "once"));
    }

    [Fact]
    public async Task A_commit_that_fails_fails_the_scope_and_keeps_none_of_its_writes()
    {
        var (factory, guard) = await WarmReplicaAsync();

        var scope = factory.Begin();
        Assert.True(await SightAsync(guard, "lost"));
        await ExecuteAsync(factory, "ROLLBACK;");

        await Assert.ThrowsAsync<SqliteException>(() => scope.DisposeAsync().AsTask());
        await Assert.ThrowsAsync<SqliteException>(() => scope.Committed);
        Assert.Equal(1, await CountAsync(otherReplica!));
        Assert.True(await SightAsync(guard, "lost"));
    }

    [Fact]
    public async Task A_scope_without_operations_commits_nothing()
    {
        var (factory, _) = await WarmReplicaAsync();
        var before = factory.Commits;

        await using (var scope = factory.Begin())
        {
            await scope.DisposeAsync();
            Assert.True(scope.Committed.IsCompletedSuccessfully);
        }

        Assert.Equal(before, factory.Commits);
    }

    [Fact]
    public async Task After_the_scope_the_same_flow_commits_each_operation_again()
    {
        var (factory, guard) = await WarmReplicaAsync();
        await using (factory.Begin())
        {
            await SightAsync(guard, "inside");
        }

        var before = factory.Commits;
        Assert.True(await SightAsync(guard, "after"));

        Assert.Equal(1, factory.Commits - before);
        Assert.Equal(3, await CountAsync(otherReplica!));
    }

    [Fact]
    public async Task Another_flows_operation_waits_for_the_scope_and_then_is_committed_too()
    {
        var (factory, guard) = await WarmReplicaAsync();

        Task<bool> other;
        await using (factory.Begin())
        {
            await SightAsync(guard, "mine");
            using (ExecutionContext.SuppressFlow())
            {
                other = Task.Run(() => SightAsync(guard, "theirs"));
            }

            await Task.Delay(50);
            Assert.False(other.IsCompleted);
        }

        Assert.True(await other);
        Assert.Equal(3, await CountAsync(otherReplica!));
    }

    [Fact]
    public async Task A_scope_inside_a_scope_and_an_own_connection_inside_one_are_refused_not_deadlocked()
    {
        var (factory, guard) = await WarmReplicaAsync();

        await using (factory.Begin())
        {
            await SightAsync(guard, "held");
            Assert.Throws<InvalidOperationException>(() => factory.Begin());
            await Assert.ThrowsAsync<InvalidOperationException>(() => factory.OpenAsync(CancellationToken.None));
        }

        Assert.Equal(2, await CountAsync(otherReplica!));
    }

    [Fact]
    public async Task A_scope_on_one_file_leaves_another_files_operations_alone()
    {
        var (factory, _) = await WarmReplicaAsync();
        using var elsewhere = new TempDatabase();
        var otherGuard = new SqliteReplayGuard(elsewhere.NewReplica());

        await using (factory.Begin())
        {
            Assert.True(await SightAsync(otherGuard, "elsewhere"));
            Assert.Equal(1, await CountAsync(elsewhere.NewReplica()));
        }
    }

    private async Task<(SqliteConnectionFactory Factory, SqliteReplayGuard Guard)> WarmReplicaAsync()
    {
        var factory = database.NewReplica();
        var guard = new SqliteReplayGuard(factory);
        await SightAsync(guard, "warm-up");

        // Opened (and so migrated) now: a first open inside a scope would wait for the scope's write lock.
        otherReplica = database.NewReplica();
        await CountAsync(otherReplica);
        return (factory, guard);
    }

    private static Task<bool> SightAsync(SqliteReplayGuard guard, string key) =>
        guard.TryFirstSightingAsync(key, T0, T0.AddMinutes(5), CancellationToken.None);

    private static async Task ExecuteAsync(SqliteConnectionFactory factory, string sql)
    {
        await using var session = await factory.SessionAsync(CancellationToken.None);
        await session.Command(sql).ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(SqliteConnectionFactory factory)
    {
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM replay_guard;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
