using ChatOpsSignin.Core.Hosting;

namespace ChatOpsSignin.Storage.DynamoDb.Table;

/// <summary>
/// <c>migrate</c>: creates the table if missing, waits until it is ACTIVE, checks its keys and turns TTL on. For a deployer
/// whose role may CreateTable / UpdateTimeToLive, so the bot's runtime role need not.
/// </summary>
internal sealed class DynamoDbMigrator(TableProvisioner provisioner) : IStoreMigrator
{
    public Task MigrateAsync(CancellationToken cancellationToken) =>
        provisioner.EnsureAsync(mayCreate: true, ensureTimeToLive: true, cancellationToken);
}
