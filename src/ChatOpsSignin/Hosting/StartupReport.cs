using System.Reflection;
using ChatOpsSignin.Core.Hosting;
using ChatOpsSignin.Core.Profiles;

namespace ChatOpsSignin.Hosting;

/// <summary>Says once, at start-up, which rooms are on, which are off and why, and how many profiles there are.</summary>
internal sealed partial class StartupReport(
    IEnumerable<RoomStatus> rooms, ProfileCatalog catalog, ILogger<StartupReport> logger) : IHostedService
{
    /// <summary>The informational version: <c>1.0.0+&lt;git commit&gt;</c> when built from a git checkout.</summary>
    public static string Version { get; } =
        typeof(StartupReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static string Commit => Version.Split('+') is [_, var commit, ..] ? commit : "unknown";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.Started(logger, Version.Split('+')[0], Commit);
        foreach (var room in rooms.OrderBy(r => r.Room, StringComparer.Ordinal))
        {
            Log.Room(logger, room.Room, room.Enabled ? "on" : "off", room.Why);
        }

        var names = catalog.All.Select(p => p.Name).ToArray();
        Log.Profiles(logger, names.Length, string.Join(", ", names));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 0, Level = LogLevel.Information, Message = "chatops-signin {Version}, commit {Commit}")]
        public static partial void Started(ILogger logger, string version, string commit);

        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Room}: {State} ({Why})")]
        public static partial void Room(ILogger logger, string room, string state, string why);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Count} profile(s): {Names}")]
        public static partial void Profiles(ILogger logger, int count, string names);
    }
}

internal static class StartupReportExtensions
{
    public static IServiceCollection AddStartupReport(this IServiceCollection services) =>
        services.AddHostedService<StartupReport>();
}
