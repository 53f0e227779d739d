using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Teams.Connector;

/// <summary>
/// Which serviceUrls the bot will call (SSRF guard, on top of the token's <c>serviceurl</c> claim): https hosts from
/// <c>Teams:AllowedServiceUrlHosts</c>; loopback only in local mode (the playground) or when listed (tests).
/// </summary>
internal sealed class ServiceUrlPolicy(IOptions<TeamsOptions> options)
{
    public bool IsAllowed(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0)
        {
            return false;
        }

        var listed = options.Value.AllowedServiceUrlHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
        if (uri.IsLoopback)
        {
            return options.Value.AllowUnauthenticatedLocalClient || listed;
        }

        return uri.Scheme == Uri.UriSchemeHttps && listed;
    }
}
