using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.Storage.Postgres.Approvals;
using ChatOpsSignin.Storage.Postgres.Audit;
using ChatOpsSignin.Storage.Postgres.Schema;
using ChatOpsSignin.Storage.Postgres.Work;
using Npgsql;

namespace ChatOpsSignin.Tests.Storage.Postgres;

public sealed class PostgresSchemaTests(PostgresCluster cluster) : PostgresTestDatabase(cluster)
{
    [Fact]
    public async Task Eight_Replicas_Migrating_At_Once_Leave_One_Schema_At_The_Latest_Version()
    {
        var replicas = Enumerable.Range(0, 8).Select(_ => NewReplica()).ToArray();

        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.MigrateAsync(CancellationToken.None))));
        await Database.MigrateAsync(CancellationToken.None);

        Assert.All(replicas, r => Assert.Equal(PostgresSchemaMigrations.Latest, r.SchemaVersion));
        Assert.Equal(
            Enumerable.Range(1, PostgresSchemaMigrations.Latest).Select(v => (long)v),
            await QueryAsync<long>("SELECT version::bigint FROM schema_version ORDER BY version;"));
    }

    [Fact]
    public async Task A_Schema_Newer_Than_This_Build_Is_Refused()
    {
        await Database.MigrateAsync(CancellationToken.None);
        await QueryAsync<long>($"INSERT INTO schema_version (version) VALUES ({PostgresSchemaMigrations.Latest + 1}) RETURNING version::bigint;");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NewReplica().MigrateAsync(CancellationToken.None));

        Assert.Contains("newer than this build knows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET code = 'forged';")]
    [InlineData("DELETE FROM audit_events;")]
    [InlineData("TRUNCATE audit_events;")]
    public async Task The_Audit_Trail_Refuses_Changes_Even_From_Its_Owner(string sql)
    {
        await new PostgresAuditLog(Database).AppendAsync(new AuditEvent(new RequestId("r1"), AuditEventType.Requested, TempDatabase.T0), CancellationToken.None);

        var error = await Assert.ThrowsAsync<PostgresException>(() => QueryAsync<long>(sql));

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        Assert.Single(await new PostgresAuditLog(NewReplica()).QueryAsync(new AuditQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task The_Audit_Trail_View_Shows_Readable_Times()
    {
        await new PostgresAuditLog(Database).AppendAsync(new AuditEvent(new RequestId("r1"), AuditEventType.Requested, TempDatabase.T0), CancellationToken.None);

        var at = await QueryAsync<DateTime>("SELECT at FROM audit_trail;");

        Assert.Equal(TempDatabase.T0.UtcDateTime, Assert.Single(at));
    }

    [Fact]
    public async Task What_One_Process_Wrote_Survives_Its_Restart()
    {
        var approval = TempDatabase.Approval("r1");
        var item = WorkItem.New(approval.Request);
        await new PostgresApprovalStore(Database).TryAddAsync(approval, CancellationToken.None);
        await new PostgresWorkStore(Database).TryAddAsync(item, "replica-a", TempDatabase.T0.AddMinutes(1), CancellationToken.None);
        await Database.DisposeAsync();

        var restarted = NewReplica();

        Assert.Equal(approval, await new PostgresApprovalStore(restarted).GetAsync(approval.Request.Id, CancellationToken.None));
        Assert.Equal(item.Id, (await new PostgresWorkStore(restarted).GetAsync(item.Id, CancellationToken.None))!.Id);
        var leased = await new PostgresWorkStore(restarted).LeaseDueAsync("replica-b", TempDatabase.T0.AddMinutes(1), TempDatabase.T0.AddMinutes(2), 10, CancellationToken.None);
        Assert.Equal([item.Id], leased.Select(l => l.Item.Id));
    }

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<T>(0));
        }

        return rows;
    }
}
