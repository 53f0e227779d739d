using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace ChatOpsSignin.Hosting;

/// <summary>
/// Reloads appsettings*.json by polling the files instead of an inotify watcher. The default watcher watches the whole
/// content root recursively, so every SQLite write under the default <c>data/</c> path woke it: about 7 % of a core under
/// load for nothing. Polling stats the few watched files every four seconds.
/// </summary>
public static class ConfigurationFilePolling
{
    /// <summary>
    /// The builder's arguments with its own file watching turned off; <see cref="PollConfigurationFiles"/> then adds
    /// reloading back. Replacing the sources later is not enough: the first provider's watcher would keep running.
    /// </summary>
    public static WebApplicationOptions WithoutFileWatcher(string[] args) =>
        new() { Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"] };

    public static ConfigurationManager PollConfigurationFiles(this ConfigurationManager configuration, string contentRoot)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(contentRoot));
        var files = new PhysicalFileProvider(root) { UsePollingFileWatcher = true, UseActivePolling = true };
        for (var i = 0; i < configuration.Sources.Count; i++)
        {
            // Only the content root's files: user secrets and other sources keep their own providers.
            if (configuration.Sources[i] is JsonConfigurationSource { Path: not null, FileProvider: PhysicalFileProvider own } json
                && Path.TrimEndingDirectorySeparator(own.Root) == root)
            {
                configuration.Sources[i] = new JsonConfigurationSource
                {
                    Path = json.Path,
                    Optional = json.Optional,
                    ReloadOnChange = true,
                    ReloadDelay = json.ReloadDelay,
                    FileProvider = files,
                };
            }
        }

        return configuration;
    }
}
