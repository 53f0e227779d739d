using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Core.Links;

/// <summary><c>Links:PublicBaseUrl</c> must be an absolute https URL (http only on loopback, for tests), with no query or user info.</summary>
internal sealed class LinksOptionsValidator : IValidateOptions<LinksOptions>
{
    public ValidateOptionsResult Validate(string? name, LinksOptions options)
    {
        if (options.PublicBaseUrl is not { } url)
        {
            return ValidateOptionsResult.Success;
        }

        var ok = url.IsAbsoluteUri
            && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
            && string.IsNullOrEmpty(url.UserInfo) && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment);
        return ok
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Links:PublicBaseUrl: '{url}' must be the bot's own absolute https address, e.g. https://chatops.example.com/ (http only on loopback), without query or user info.");
    }
}
