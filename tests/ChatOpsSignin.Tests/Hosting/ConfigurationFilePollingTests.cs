using ChatOpsSignin.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace ChatOpsSignin.Tests.Hosting;

/// <summary>appsettings.json is reloaded by polling, so SQLite writes under the content root wake nothing.</summary>
public sealed class ConfigurationFilePollingTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("config-polling-").FullName;
    private readonly string elsewhere = Directory.CreateTempSubdirectory("config-elsewhere-").FullName;

    public void Dispose()
    {
        Directory.Delete(root, recursive: true);
        Directory.Delete(elsewhere, recursive: true);
    }

    [Fact]
    public void Content_Root_Files_Are_Polled_And_Other_Sources_Keep_Their_Own_Provider()
    {
        using var configuration = Configuration();

        configuration.PollConfigurationFiles(root);

        var json = configuration.Sources.OfType<JsonConfigurationSource>().ToList();
        var own = Assert.Single(json, s => s.Path == "appsettings.json");
        var polled = Assert.IsType<PhysicalFileProvider>(own.FileProvider);
        // Once a watch exists the provider reports UsePollingFileWatcher as false; active polling is ours alone.
        Assert.True(polled.UseActivePolling);
        Assert.True(own.ReloadOnChange);
        var secrets = Assert.Single(json, s => s.Path == "secrets.json");
        Assert.Equal(Path.TrimEndingDirectorySeparator(elsewhere), Path.TrimEndingDirectorySeparator(((PhysicalFileProvider)secrets.FileProvider!).Root));
        Assert.Equal("from-secrets", configuration["Secret"]);
    }

    [Fact]
    public void The_Host_Builder_Loads_Its_Files_Without_A_Watcher_And_Then_Polls_Them()
    {
        File.WriteAllText(Path.Combine(root, "appsettings.json"), """{ "Value": "one" }""");
        var builder = WebApplication.CreateBuilder(ConfigurationFilePolling.WithoutFileWatcher(["--contentRoot", root]));
        var loaded = builder.Configuration.Sources.OfType<JsonConfigurationSource>().ToList();
        Assert.NotEmpty(loaded);
        Assert.All(loaded, s => Assert.False(s.ReloadOnChange));

        builder.Configuration.PollConfigurationFiles(builder.Environment.ContentRootPath);

        var polled = builder.Configuration.Sources.OfType<JsonConfigurationSource>().ToList();
        Assert.Equal(loaded.Select(s => s.Path), polled.Select(s => s.Path));
        Assert.All(polled, s => Assert.True(s.ReloadOnChange && ((PhysicalFileProvider)s.FileProvider!).UseActivePolling));
        Assert.Equal("one", builder.Configuration["Value"]);
    }

    [Fact]
    public async Task A_Changed_File_Is_Still_Reloaded()
    {
        using var configuration = Configuration();
        configuration.PollConfigurationFiles(root);
        Assert.Equal("one", configuration["Value"]);
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = ChangeToken.OnChange(((IConfigurationRoot)configuration).GetReloadToken, () => reloaded.TrySetResult());

        // The poller compares modification times; make the new one unmistakably later.
        var file = Path.Combine(root, "appsettings.json");
        await File.WriteAllTextAsync(file, """{ "Value": "two" }""");
        File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddMinutes(1));

        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("two", configuration["Value"]);
    }

    private ConfigurationManager Configuration()
    {
        File.WriteAllText(Path.Combine(root, "appsettings.json"), """{ "Value": "one" }""");
        File.WriteAllText(Path.Combine(elsewhere, "secrets.json"), """{ "Secret": "from-secrets" }""");
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(root);
        configuration.AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        configuration.AddJsonFile(new PhysicalFileProvider(elsewhere), "secrets.json", optional: true, reloadOnChange: true);
        return configuration;
    }
}
