namespace ChatOpsSignin.Core.Hosting;

/// <summary>
/// Creates or upgrades the store's schema (tables, indexes, TTL) and returns when it is ready. The <c>migrate</c> CLI verb
/// runs it, for deployments whose runtime role may not change the schema.
/// </summary>
public interface IStoreMigrator
{
    Task MigrateAsync(CancellationToken cancellationToken);
}
