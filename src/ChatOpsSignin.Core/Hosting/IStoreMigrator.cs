namespace ChatOpsSignin.Core.Hosting;

/// <summary>
/// The configured store engine's schema (tables, indexes, versions): created or brought up to date. Safe to run again
/// and from several replicas at once. The bot runs it at start-up; the <c>migrate</c> CLI verb runs it alone.
/// </summary>
public interface IStoreMigrator
{
    Task MigrateAsync(CancellationToken cancellationToken);
}
