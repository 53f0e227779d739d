using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Slack;

/// <summary>Start-up checks; each message names the key at fault. Never fail-open: no secret, no HTTP endpoints.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SigningSecret) && string.IsNullOrWhiteSpace(options.AppToken))
        {
            errors.Add("Slack:SigningSecret: required when Slack:BotToken is set, to verify requests to /slack/commands and "
                + "/slack/interactivity (or set Slack:AppToken to use Socket Mode only).");
        }

        if (!options.BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            errors.Add("Slack:BotToken: must be a bot token starting with 'xoxb-'.");
        }

        if (!string.IsNullOrWhiteSpace(options.AppToken) && !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
        {
            errors.Add("Slack:AppToken: must be an app-level token starting with 'xapp-' (scope connections:write).");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api)
            || !(api.Scheme == Uri.UriSchemeHttps || (api.Scheme == Uri.UriSchemeHttp && api.IsLoopback)))
        {
            errors.Add($"Slack:ApiBaseUrl: '{options.ApiBaseUrl}' must be an absolute https URL (http only on loopback).");
        }

        if (options.MaxBodyBytes is < 1024 or > 1024 * 1024)
        {
            errors.Add("Slack:MaxBodyBytes: must be between 1024 and 1048576.");
        }

        if (options.UserLookupTimeout <= TimeSpan.Zero || options.UserLookupTimeout > TimeSpan.FromSeconds(30))
        {
            errors.Add("Slack:UserLookupTimeout: must be between 00:00:00.001 and 00:00:30.");
        }

        if (options.RateLimitMaxRetries is < 0 or > 10)
        {
            errors.Add("Slack:RateLimitMaxRetries: must be between 0 and 10.");
        }

        if (options.RateLimitMaxWait < TimeSpan.Zero || options.RateLimitMaxWait > TimeSpan.FromMinutes(5))
        {
            errors.Add("Slack:RateLimitMaxWait: must be between 00:00:00 and 00:05:00.");
        }

        if (options.SocketReconnectMinDelay <= TimeSpan.Zero || options.SocketReconnectMaxDelay < options.SocketReconnectMinDelay)
        {
            errors.Add("Slack:SocketReconnectMinDelay / Slack:SocketReconnectMaxDelay: need 0 < min <= max.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
