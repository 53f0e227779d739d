using System.Text.Encodings.Web;
using ChatOpsSignin.Core.Links;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Links;

/// <summary>
/// <c>GET /go/&lt;id&gt;</c> (only with <c>Links:PublicBaseUrl</c>): 302 to AWS, or a plain HTML page saying what happened.
/// Responses are never cached and send no referrer; the AWS URL appears only in the Location header.
/// </summary>
internal static class ClickThroughEndpoint
{
    public static WebApplication MapClickThroughLinks(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<LinksOptions>>().Value.PublicBaseUrl is null)
        {
            return app;
        }

        app.MapGet("/go/{id}", async (string id, HttpContext context, LinkFrontDoor door, CancellationToken cancellationToken) =>
        {
            var source = new ClickSource(context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null);
            var outcome = await door.OpenAsync(id, source, cancellationToken);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            return outcome switch
            {
                ClickOutcome.Redirect redirect => Results.Redirect(redirect.Link.Url.AbsoluteUri),
                ClickOutcome.Page page => Results.Content(Html(page), "text/html; charset=utf-8", statusCode: page.Status),
                _ => Results.StatusCode(500),
            };
        });
        return app;
    }

    private static string Html(ClickOutcome.Page page)
    {
        var title = HtmlEncoder.Default.Encode(page.Title);
        var message = HtmlEncoder.Default.Encode(page.Message);
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer"><title>{title}</title></head>
            <body style="font-family: sans-serif; max-width: 40em; margin: 4em auto;"><h1>{title}</h1><p>{message}</p></body></html>
            """;
    }
}
