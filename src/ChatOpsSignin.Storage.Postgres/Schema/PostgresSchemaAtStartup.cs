using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Storage.Postgres.Schema;

/// <summary>
/// Connects and migrates when the bot starts, so a wrong connection string or an unreachable engine stops start-up
/// with a message naming <c>Storage:Postgres:ConnectionString</c> instead of failing the first request.
/// </summary>
internal sealed partial class PostgresSchemaAtStartup(PostgresDatabase database, ILogger<PostgresSchemaAtStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        Log.Ready(logger, database.Server, database.SchemaVersion);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "Storage: PostgreSQL {Server} at schema version {Version}")]
        public static partial void Ready(ILogger logger, string server, int version);
    }
}
