using ChatOpsSignin.Storage;
using ChatOpsSignin.Storage.DynamoDb;
using ChatOpsSignin.Storage.Options;
using ChatOpsSignin.Storage.Postgres;

namespace ChatOpsSignin.Hosting;

/// <summary>Picks the store engine by <c>Storage:Provider</c>; the bot and the CLI verbs both come through here.</summary>
internal static class StorageSelection
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var selected = new StorageOptions { Provider = configuration["Storage:Provider"] ?? StorageOptions.SqliteProvider };
        if (selected.IsProvider(StorageOptions.PostgresProvider))
        {
            return services.AddPostgresStorage(configuration);
        }

        if (selected.IsProvider(StorageOptions.DynamoDbProvider))
        {
            return services.AddDynamoDbStorage(configuration);
        }

        // Sqlite, and any unknown value, which the Storage room's validator refuses at start-up naming Storage:Provider.
        return services.AddStorageRoom(configuration);
    }
}
