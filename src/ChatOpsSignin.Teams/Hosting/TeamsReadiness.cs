using ChatOpsSignin.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Teams.Hosting;

/// <summary>
/// Readiness of the Teams room: can the bot get a Bot Connector token? A cached token counts (the provider refreshes
/// it shortly before expiry), so a probe costs a token request at most once an hour. Local mode without a password
/// sends no token and is skipped. The detail names a status, never the secret or the token.
/// </summary>
public sealed class TeamsReadiness(IServiceProvider services, IOptions<TeamsOptions> options)
{
    /// <returns>Ready, and "ok", "off", "local mode" or what is down.</returns>
    public async Task<(bool Ready, string Detail)> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return (true, "off");
        }

        if (options.Value.SendsWithoutToken)
        {
            return (true, "local mode");
        }

        try
        {
            await services.GetRequiredService<ConnectorTokenProvider>().GetTokenAsync(cancellationToken);
            return (true, "ok");
        }
        catch (ConnectorException e)
        {
            return (false, e.Status is { } status ? $"down: token endpoint answered {(int)status}" : "down: token endpoint gave no token");
        }
        catch (HttpRequestException)
        {
            return (false, "down: token endpoint unreachable");
        }
    }
}
