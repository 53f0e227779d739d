using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOpsSignin.StandIns.Aws;

/// <summary>
/// The console federation endpoint (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html).
/// getSigninToken takes role or federation-token credentials, refuses SessionDuration for federation tokens and chained role
/// sessions (HTTP 400 with an HTML body, as AWS does), and answers {"SigninToken": ...}. Action=login accepts a token for
/// 15 minutes after it was issued, records a <see cref="ConsoleLogin"/> and answers 302 to the Destination.
/// </summary>
public sealed partial class AwsStandIn
{
    private static readonly TimeSpan SigninTokenLifetime = TimeSpan.FromMinutes(15);

    private Task FederationAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var action = query["Action"].ToString();
        var fault = Count(action);
        if (fault is { Hang: true })
        {
            return HangAsync(context);
        }

        if (fault is not null)
        {
            return HtmlErrorAsync(context, fault.Status, fault.Message ?? fault.Code);
        }

        if (context.Request.Path == "/oauth" && context.Request.Method == HttpMethods.Get)
        {
            return LogoutAsync(context, query);
        }

        if (context.Request.Path != "/federation" || context.Request.Method != HttpMethods.Get)
        {
            return HtmlErrorAsync(context, 404, "Not Found");
        }

        return action switch
        {
            "getSigninToken" => GetSigninTokenAsync(context, query),
            "login" => LoginAsync(context, query),
            _ => HtmlErrorAsync(context, 400, "The request sent by the client was syntactically incorrect."),
        };
    }

    private Task GetSigninTokenAsync(HttpContext context, IQueryCollection query)
    {
        var key = SessionKey(query["Session"].ToString());
        TimeSpan? duration = null;
        if (query.TryGetValue("SessionDuration", out var text))
        {
            duration = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 900 and <= 43200
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.Zero;
        }

        var refused = key is null
            || IsDeniedByRolePolicy(key)
            || key.Kind == KeyKind.IamUser
            || duration == TimeSpan.Zero
            || (duration is not null && (key.Kind == KeyKind.FederatedUser || key.Chained));
        lock (gate)
        {
            tokenRequests.Add(new SigninTokenRequest(!refused, duration, key?.PrincipalArn, refused ? 400 : 200));
        }

        if (refused)
        {
            return HtmlErrorAsync(context, 400, "Invalid credentials parameter. The request sent by the client was syntactically incorrect.");
        }

        var token = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(240));
        lock (gate)
        {
            signinTokens[token] = new StandInSigninToken(key!, time.GetUtcNow(), duration);
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["SigninToken"] = token }));
    }

    private Task LoginAsync(HttpContext context, IQueryCollection query)
    {
        var destination = query["Destination"].ToString();
        StandInSigninToken? token;
        lock (gate)
        {
            token = signinTokens.GetValueOrDefault(query["SigninToken"].ToString());
        }

        var now = time.GetUtcNow();
        if (token is null || now > token.IssuedAt + SigninTokenLifetime || !Uri.TryCreate(destination, UriKind.Absolute, out _))
        {
            return HtmlErrorAsync(context, 400, "Amazon Web Services Sign-In: the sign-in token is invalid or has expired, or the destination is missing.");
        }

        var key = token.Key;
        if (IsDeniedByRolePolicy(key))
        {
            return HtmlErrorAsync(context, 403, "Access denied: this session is denied by a policy of its role.");
        }

        lock (gate)
        {
            logins.Add(new ConsoleLogin(key.PrincipalArn, key.RoleArn, key.SessionName, key.SourceIdentity, key.Tags, destination,
                query.TryGetValue("Issuer", out var issuer) ? issuer.ToString() : null, token.SessionDuration, now));
        }

        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = destination;
        return Task.CompletedTask;
    }

    /// <summary>The Session JSON must carry exactly the temporary credentials STS issued (sessionId, sessionKey, sessionToken), unexpired.</summary>
    private StandInKey? SessionKey(string session)
    {
        try
        {
            using var document = JsonDocument.Parse(session);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("sessionId", out var id) || !root.TryGetProperty("sessionKey", out var secret)
                || !root.TryGetProperty("sessionToken", out var token))
            {
                return null;
            }

            var key = FindKey(id.GetString() ?? string.Empty);
            return key is not null && key.Secret == secret.GetString() && key.SessionToken == token.GetString()
                && key.Expires > time.GetUtcNow() ? key : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static Task HtmlErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html;charset=utf-8";
        return context.Response.WriteAsync(
            $"<!DOCTYPE html><html><head><title>{status} Error</title></head><body><h1>HTTP Status {status}</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p></body></html>");
    }
}
