using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatOpsSignin.Storage.Postgres.Options;

/// <summary>Start-up checks of <c>Storage:Postgres</c>; every message names the key and none repeats the connection string.</summary>
internal sealed class PostgresStorageOptionsValidator : IValidateOptions<PostgresStorageOptions>
{
    private const string Key = "Storage:Postgres:ConnectionString";

    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{Key}: is empty; Storage:Provider=Postgres needs one such as Host=db;Database=chatops;Username=chatops;Password=… (from the environment: Storage__Postgres__ConnectionString).");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException exception)
        {
            // Npgsql names the keyword at fault, not its value.
            return ValidateOptionsResult.Fail($"{Key}: is not a valid Npgsql connection string ({exception.Message}).");
        }

        return string.IsNullOrWhiteSpace(builder.Host)
            ? ValidateOptionsResult.Fail($"{Key}: names no Host.")
            : ValidateOptionsResult.Success;
    }
}
