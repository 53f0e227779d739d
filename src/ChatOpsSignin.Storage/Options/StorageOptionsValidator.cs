using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Storage.Options;

/// <summary>Start-up checks of the <c>Storage</c> section; every message names the key at fault.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!StorageOptions.Providers.Any(options.IsProvider))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:Provider: '{options.Provider}' is not supported; use one of {string.Join(", ", StorageOptions.Providers)}.");
        }

        if (!options.IsProvider(StorageOptions.SqliteProvider))
        {
            // The other engines validate their own sections (Storage:Postgres, Storage:DynamoDb).
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();

        var path = options.SqlitePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            errors.Add("Storage:SqlitePath: is empty; give a database file such as data/chatops-signin.db.");
        }
        else if (path.Trim() == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            // A memory database is private to one connection and the state must survive restarts.
            errors.Add($"Storage:SqlitePath: '{path}' is not a plain file path; give a database file such as data/chatops-signin.db.");
        }
        else if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || Path.EndsInDirectorySeparator(path))
        {
            errors.Add($"Storage:SqlitePath: '{path}' is not a valid file path.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
