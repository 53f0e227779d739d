using Microsoft.Extensions.Hosting;

namespace ChatOpsSignin.Storage.DynamoDb.Table;

/// <summary>
/// Gets the table ready when the bot starts (creating it when <see cref="DynamoDbOptions.CreateTable"/>), so a missing
/// table, wrong endpoint or missing credentials stops start-up with a message naming the key, within a bounded time.
/// </summary>
internal sealed class TableAtStartup(TableProvisioner provisioner, DynamoDbOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        provisioner.EnsureAsync(options.CreateTable, ensureTimeToLive: false, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
