using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.Sqlite;

namespace ChatOpsSignin.Tests.Storage;

/// <summary>A real SQLite file in a not-yet-created subfolder of its own temp folder, deleted afterwards. Each factory plays one replica.</summary>
public sealed class TempDatabase : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<SqliteConnectionFactory> factories = [];

    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "chatops-storage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DatabasePath = Path.Combine(Folder, "nested", "chatops-signin.db");
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public SqliteConnectionFactory NewReplica()
    {
        var factory = new SqliteConnectionFactory(DatabasePath);
        factories.Add(factory);
        return factory;
    }

    public static PendingApproval Approval(string id, DateTimeOffset? expiresAt = null, string requester = "slack:T1/U1") =>
        new(new SigninRequest(
                new RequestId(id),
                new ChatUser(ChatUserId.Parse(requester), "alice"),
                "prod-readonly",
                "incident 42",
                """{"channel":"C1"}""",
                T0),
            expiresAt ?? T0.AddMinutes(30),
            ApprovalState.Pending);

    public void Dispose()
    {
        foreach (var factory in factories)
        {
            factory.Dispose();
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
