using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Slack.WebApi;

/// <summary>
/// A <c>response_url</c> comes from the request; before the bot POSTs to it, it must be https on a Slack hooks host
/// (<c>Slack:ResponseUrlHosts</c>) or on the Web API host itself (GovSlack, test stand-ins), so it cannot be aimed elsewhere.
/// </summary>
public sealed class ResponseUrlPolicy(IOptions<SlackOptions> options)
{
    public bool IsAllowed(string? responseUrl)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url))
        {
            return false;
        }

        var api = options.Value.ApiBaseUri;
        if (url.Scheme == api.Scheme && string.Equals(url.Host, api.Host, StringComparison.OrdinalIgnoreCase) && url.Port == api.Port)
        {
            return true;
        }

        return url.Scheme == Uri.UriSchemeHttps
            && options.Value.ResponseUrlHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase);
    }
}
