using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Audit;
using Microsoft.Data.Sqlite;
using static ChatOpsSignin.Tests.Storage.TempDatabase;

namespace ChatOpsSignin.Tests.Storage;

/// <summary>SQLite's own guard on the audit table (the conformance suite covers behaviour every engine shares).</summary>
public sealed class SqliteAuditTamperTests : IDisposable
{
    private readonly TempDatabase database = new();

    [Theory]
    [InlineData("UPDATE audit_events SET code = 'tampered';")]
    [InlineData("DELETE FROM audit_events;")]
    public async Task The_Audit_Table_Refuses_Changes_To_Past_Events(string tampering)
    {
        var factory = database.NewReplica();
        await new SqliteAuditLog(factory).AppendAsync(new AuditEvent(new RequestId("req_1"), AuditEventType.Requested, T0) { Code = "kept" }, CancellationToken.None);

        await using (var connection = await factory.OpenAsync(CancellationToken.None))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = tampering;
            var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(["kept"], (await new SqliteAuditLog(factory).QueryAsync(new AuditQuery(), CancellationToken.None)).Select(e => e.Code));
    }

    public void Dispose() => database.Dispose();
}
