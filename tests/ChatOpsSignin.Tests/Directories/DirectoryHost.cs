using ChatOpsSignin.Core;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Policy;
using ChatOpsSignin.Core.Profiles;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Slack;
using ChatOpsSignin.Storage;
using ChatOpsSignin.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Tests.Directories;

/// <summary>
/// A real Kestrel host on loopback with the real core, SQLite store and the Slack and/or Teams rooms pointed at their
/// stand-ins. Tests ask the real <see cref="SigninPolicy"/> and <see cref="ApprovalRules"/>, which ask the directories
/// over HTTP; the clock is the test's.
/// </summary>
internal sealed class DirectoryHost : IAsyncDisposable
{
    private readonly string database;

    private DirectoryHost(WebApplication app, Uri baseUrl, TimeProvider time, string database)
    {
        App = app;
        BaseUrl = baseUrl;
        Time = time;
        this.database = database;
    }

    public WebApplication App { get; }

    public Uri BaseUrl { get; }

    public TimeProvider Time { get; }

    public static async Task<DirectoryHost> StartAsync(TimeProvider time, IDictionary<string, string?> settings)
    {
        var database = Path.Combine(Path.GetTempPath(), $"directories-{Guid.NewGuid():N}.db");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection([new("Storage:SqlitePath", database)]);
        builder.Services.AddSingleton(time);
        var aws = new ChatOpsSignin.Tests.Core.Flow.ScriptedAws(time);
        builder.Services.AddSingleton<ChatOpsSignin.Core.Credentials.ICredentialIssuer>(aws);
        builder.Services.AddSingleton<ChatOpsSignin.Core.Links.IConsoleLinkFactory>(aws);
        builder.Services.AddSigninCore(builder.Configuration);
        builder.Services.AddStorageRoom(builder.Configuration);
        builder.Services.AddSlackRoom(builder.Configuration);
        builder.Services.AddTeamsRoom(builder.Configuration);
        var app = builder.Build();
        app.MapSlackRoom();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DirectoryHost(app, new Uri(address.TrimEnd('/') + "/"), time, database);
    }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>The policy's answer for <paramref name="user"/> asking for <paramref name="profile"/>.</summary>
    public Task<Outcome<ProfileCatalog.Entry>> CheckAsync(ChatUserId user, string profile) =>
        Get<SigninPolicy>().CheckAsync(
            new SigninRequest(RequestId.New(), new ChatUser(user, "someone"), profile, "because", "{}", Time.GetUtcNow()),
            CancellationToken.None);

    public const string Allowed = "allowed";

    /// <summary><see cref="Allowed"/>, or the refusal's code.</summary>
    public async Task<string> CodeAsync(ChatUserId user, string profile) =>
        (await CheckAsync(user, profile)).Failure?.Code ?? Allowed;

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*"))
        {
            File.Delete(file);
        }
    }
}
