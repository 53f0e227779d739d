using ChatOpsSignin.Core.Hosting;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>SQLite's <see cref="IStoreMigrator"/>: creates the file and brings its schema up to date.</summary>
internal sealed class SqliteStoreMigrator(SqliteConnectionFactory connections) : IStoreMigrator
{
    public Task MigrateAsync(CancellationToken cancellationToken) => connections.InitialiseAsync(cancellationToken);
}
