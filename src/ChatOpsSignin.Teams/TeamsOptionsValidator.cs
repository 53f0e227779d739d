using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Teams;

/// <summary>Start-up checks; each message names the key at fault.</summary>
internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!options.AllowUnauthenticatedLocalClient)
        {
            Require(errors, options.AppPassword, "Teams:AppPassword", "the client secret of the bot's Entra app registration");
            Require(errors, options.TenantId, "Teams:TenantId", "the tenant of the single-tenant app registration");
        }
        else if (!string.IsNullOrEmpty(options.AppPassword))
        {
            // A bot with real credentials is a real bot: it must check inbound tokens. Local mode is for the playground only.
            errors.Add("Teams:AppPassword: must be empty when Teams:AllowUnauthenticatedLocalClient=true. Local mode turns inbound token checks off and is for the Agents Playground only; "
                + "a bot with a real client secret must check Bot Framework tokens. Remove the password or turn local mode off.");
        }

        if (!string.IsNullOrEmpty(options.AppPassword) && string.IsNullOrWhiteSpace(options.TenantId)
            && options.TokenEndpoint?.Contains("{TenantId}", StringComparison.Ordinal) != false)
        {
            errors.Add("Teams:TenantId: required to build the token endpoint (or set Teams:TokenEndpoint without {TenantId}).");
        }

        CheckUrl(errors, options.MetadataUrl, "Teams:OpenIdMetadataUrl");
        if (options.AcceptsEntraTokens)
        {
            CheckUrl(errors, options.ResolvedEntraMetadataUrl, "Teams:EntraOpenIdMetadataUrl");
        }
        if (!string.IsNullOrEmpty(options.AppPassword))
        {
            CheckUrl(errors, options.ResolvedTokenEndpoint, "Teams:TokenEndpoint");
        }

        if (options.MaxActivityBytes is < 1024 or > 4 * 1024 * 1024)
        {
            errors.Add("Teams:MaxActivityBytes: must be between 1024 and 4194304.");
        }

        if (options.MemberLookupTimeout <= TimeSpan.Zero || options.MemberLookupTimeout > TimeSpan.FromSeconds(30))
        {
            errors.Add("Teams:MemberLookupTimeout: must be between 00:00:00.001 and 00:00:30.");
        }

        if (options.ConnectorTimeout < TimeSpan.FromMilliseconds(100) || options.ConnectorTimeout > TimeSpan.FromSeconds(60))
        {
            errors.Add("Teams:ConnectorTimeout: must be between 00:00:00.1 and 00:01:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Require(List<string> errors, string? value, string key, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key}: is required when Teams is on ({what}).");
        }
    }

    // http is tolerated only for loopback stand-ins; a real endpoint must be https.
    private static void CheckUrl(List<string> errors, string value, string key)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            errors.Add($"{key}: '{value}' must be an absolute https URL (http only on loopback).");
        }
    }
}
