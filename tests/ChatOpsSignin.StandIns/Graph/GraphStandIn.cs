using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsSignin.StandIns.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatOpsSignin.StandIns.Graph;

/// <summary>
/// Loopback stand-in for Microsoft Graph v1.0: <c>GET /v1.0/groups/{id}/transitiveMembers</c> with a bearer token that
/// must be a client-credentials token for the Graph audience from <see cref="BotFrameworkIdentityStandIn"/> (else 401
/// <c>InvalidAuthenticationToken</c>). Nested groups are expanded (users and the nested group objects are listed, as
/// Graph does), pages of <see cref="PageSize"/> linked by <c>@odata.nextLink</c>, injected 429 with Retry-After, users
/// with <c>accountEnabled</c>. See https://learn.microsoft.com/graph/api/group-list-transitivemembers.
/// </summary>
public sealed class GraphStandIn : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<string>> groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Name, bool Enabled)> users = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> requests = [];
    private readonly BotFrameworkIdentityStandIn identity;
    private WebApplication app = null!;
    private int throttleNext;
    private int retryAfterSeconds;
    private int failNext;

    private GraphStandIn(BotFrameworkIdentityStandIn identity) => this.identity = identity;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Point <c>Teams:GraphBaseUrl</c> here.</summary>
    public Uri GraphBaseUrl => new(BaseUrl, "v1.0/");

    public int PageSize { get; set; } = 2;

    /// <summary>The request paths and queries the stand-in answered (or refused), in order.</summary>
    public IReadOnlyList<string> Requests { get { lock (gate) { return [.. requests]; } } }

    public static async Task<GraphStandIn> StartAsync(BotFrameworkIdentityStandIn identity)
    {
        var standIn = new GraphStandIn(identity);
        (standIn.app, standIn.BaseUrl) = await LoopbackServer.StartAsync(a =>
            a.MapGet("/v1.0/groups/{id}/transitiveMembers", (string id, HttpContext context) => standIn.TransitiveMembersAsync(id, context)));
        return standIn;
    }

    public void AddUser(string objectId, string displayName, bool accountEnabled = true)
    {
        lock (gate)
        {
            users[objectId] = (displayName, accountEnabled);
        }
    }

    public void SetAccountEnabled(string objectId, bool enabled)
    {
        lock (gate)
        {
            users[objectId] = (users[objectId].Name, enabled);
        }
    }

    /// <summary>Members are user object ids or the ids of other groups (nested).</summary>
    public void SetGroup(string groupId, params string[] members)
    {
        lock (gate)
        {
            groups[groupId] = [.. members];
        }
    }

    /// <summary>The next <paramref name="calls"/> requests get 429 with Retry-After.</summary>
    public void ThrottleNext(int calls, int retryAfterSeconds = 1)
    {
        lock (gate)
        {
            throttleNext = calls;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    /// <summary>The next <paramref name="calls"/> requests get 503 (Graph down).</summary>
    public void FailNext(int calls)
    {
        lock (gate)
        {
            failNext = calls;
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<IResult> TransitiveMembersAsync(string id, HttpContext context)
    {
        var request = context.Request;
        lock (gate)
        {
            requests.Add(request.Path + request.QueryString);
        }

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !await identity.IsValidGraphTokenAsync(authorization["Bearer ".Length..]))
        {
            return Error(StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
        }

        lock (gate)
        {
            if (throttleNext > 0)
            {
                throttleNext--;
                context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many requests.");
            }

            if (failNext > 0)
            {
                failNext--;
                return Error(StatusCodes.Status503ServiceUnavailable, "serviceNotAvailable", "Service unavailable.");
            }

            if (!groups.ContainsKey(id))
            {
                return Error(StatusCodes.Status404NotFound, "Request_ResourceNotFound", $"Resource '{id}' does not exist.");
            }

            var all = Expand(id);
            var skip = int.TryParse(request.Query["$skiptoken"], CultureInfo.InvariantCulture, out var s) ? s : 0;
            var page = new JsonArray([.. all.Skip(skip).Take(PageSize).Select(Render)]);
            var body = new JsonObject
            {
                ["@odata.context"] = new Uri(BaseUrl, "v1.0/$metadata#directoryObjects").AbsoluteUri,
                ["value"] = page,
            };
            if (skip + PageSize < all.Count)
            {
                body["@odata.nextLink"] = new Uri(BaseUrl, $"v1.0/groups/{id}/transitiveMembers?$select=id,displayName,accountEnabled&$skiptoken={skip + PageSize}").AbsoluteUri;
            }

            return Results.Json(body);
        }
    }

    private List<string> Expand(string groupId)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        var pending = new Queue<string>(groups[groupId]);
        while (pending.TryDequeue(out var member))
        {
            if (!seen.Add(member))
            {
                continue;
            }

            order.Add(member);
            if (groups.TryGetValue(member, out var nested))
            {
                nested.ForEach(pending.Enqueue);
            }
        }

        return order;
    }

    private JsonNode Render(string id) => users.TryGetValue(id, out var user)
        ? new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = id, ["displayName"] = user.Name, ["accountEnabled"] = user.Enabled }
        : new JsonObject { ["@odata.type"] = "#microsoft.graph.group", ["id"] = id, ["displayName"] = "group " + id };

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, statusCode: status);
}
