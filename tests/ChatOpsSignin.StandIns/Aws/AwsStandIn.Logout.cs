using Microsoft.AspNetCore.Http;

namespace ChatOpsSignin.StandIns.Aws;

/// <summary>
/// The console sign-out (<c>GET /oauth?Action=logout&amp;redirect_uri=…</c>, undocumented; community practice, see
/// research/protocols.md A.7): it ends the browser's console session and redirects only to AWS's own sign-in pages, here
/// the stand-in's federation endpoint; anything else gets an HTML error as AWS gives.
/// </summary>
public sealed partial class AwsStandIn
{
    private int logouts;

    /// <summary>Sign-outs that redirected on to a login.</summary>
    public int Logouts => Volatile.Read(ref logouts);

    private Task LogoutAsync(HttpContext context, IQueryCollection query)
    {
        var target = query["redirect_uri"].ToString();
        if (query["Action"].ToString() != "logout"
            || !Uri.TryCreate(target, UriKind.Absolute, out var redirect)
            || redirect.Authority != FederationUrl.Authority
            || redirect.AbsolutePath != FederationUrl.AbsolutePath)
        {
            return HtmlErrorAsync(context, 400, "The request sent by the client was syntactically incorrect.");
        }

        Interlocked.Increment(ref logouts);
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = redirect.AbsoluteUri;
        return Task.CompletedTask;
    }
}
