using ChatOpsSignin.Slack;
using ChatOpsSignin.StandIns.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsSignin.Tests.Slack;

/// <summary>The Slack room's services wired to a stand-in, without a host (for client and delivery tests).</summary>
internal static class SlackServices
{
    public const string SigningSecret = "test-signing-secret-0123456789";

    public static Dictionary<string, string?> Settings(SlackStandIn standIn, bool socketMode = false) => new()
    {
        ["Slack:BotToken"] = SlackStandIn.BotToken,
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:AppToken"] = socketMode ? SlackStandIn.AppToken : null,
        ["Slack:ApiBaseUrl"] = standIn.ApiBaseUrl.AbsoluteUri,
        ["Slack:SocketReconnectMinDelay"] = "00:00:00.010",
        ["Slack:SocketReconnectMaxDelay"] = "00:00:00.050",
    };

    public static ServiceProvider Create(SlackStandIn standIn, TimeProvider time, IDictionary<string, string?>? overrides = null)
    {
        var settings = Settings(standIn);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSlackRoom(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }
}
