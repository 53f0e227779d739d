using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Storage.Options;

/// <summary>Start-up checks of the <c>Storage</c> section; every message names the key at fault.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (!string.Equals(options.Provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Storage:Provider: '{options.Provider}' is not supported; the only provider is '{StorageOptions.SqliteProvider}'.");
        }

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
