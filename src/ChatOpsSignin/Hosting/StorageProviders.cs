using ChatOpsSignin.Storage;
using ChatOpsSignin.Storage.DynamoDb;

namespace ChatOpsSignin.Hosting;

/// <summary><c>Storage:Provider</c> picks the one store engine; an unknown name falls to SQLite, whose validator names it.</summary>
internal static class StorageProviders
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration) =>
        configuration["Storage:Provider"] switch
        {
            { } provider when provider.Equals(DynamoDbOptions.Provider, StringComparison.OrdinalIgnoreCase) => services.AddDynamoDbStorage(configuration),
            _ => services.AddStorageRoom(configuration),
        };
}
