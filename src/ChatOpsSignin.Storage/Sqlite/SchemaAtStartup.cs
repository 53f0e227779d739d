using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>
/// Opens and migrates the database when the bot starts, so a wrong path or an unwritable folder stops start-up
/// with a clear error instead of failing the first request. CLI verbs skip this and rely on the factory's lazy guard.
/// </summary>
internal sealed partial class SchemaAtStartup(SqliteConnectionFactory connections, ILogger<SchemaAtStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await connections.InitialiseAsync(cancellationToken);
        Log.Ready(logger, connections.DatabasePath, SchemaMigrations.Latest);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Storage: SQLite database {Path} at schema version {Version}")]
        public static partial void Ready(ILogger logger, string path, int version);
    }
}
