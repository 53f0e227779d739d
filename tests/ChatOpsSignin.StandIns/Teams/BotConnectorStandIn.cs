using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatOpsSignin.StandIns.Teams;

/// <summary>
/// Stands in for the Bot Connector service (<c>{serviceUrl}/v3/conversations/...</c>): creates 1:1 conversations
/// (403 BotNotInConversationRoster for users without the app), records POSTed and PUT activities, answers member lookups.
/// Requires a bearer token issued by <see cref="BotFrameworkIdentityStandIn"/> unless started in local mode (playground).
/// </summary>
public sealed class BotConnectorStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly BotFrameworkIdentityStandIn? identity;
    private readonly ConcurrentQueue<Fault> faults = new();
    private readonly List<RecordedActivity> activities = [];
    private readonly List<TaskCompletionSource> waiters = [];
    private int attempts;
    private int nextId;

    private BotConnectorStandIn(WebApplication app, Uri baseUrl, BotFrameworkIdentityStandIn? identity)
    {
        this.app = app;
        this.identity = identity;
        ServiceUrl = baseUrl.AbsoluteUri;
    }

    /// <summary>The serviceUrl activities should carry (ends with '/').</summary>
    public string ServiceUrl { get; }

    public ConcurrentDictionary<string, ConnectorMember> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request that reached the fault/auth stage, including refused ones.</summary>
    public int Attempts => attempts;

    public int Unauthorized { get; private set; }

    public IReadOnlyList<RecordedActivity> Activities
    {
        get
        {
            lock (activities)
            {
                return [.. activities];
            }
        }
    }

    /// <param name="identity">Null: local mode, no token required (like the Agents Playground's connector).</param>
    public static async Task<BotConnectorStandIn> StartAsync(BotFrameworkIdentityStandIn? identity)
    {
        BotConnectorStandIn? standIn = null;
        var (app, baseUrl) = await LoopbackServer.StartAsync(a =>
        {
            a.MapPost("/v3/conversations", (Func<HttpContext, Task<IResult>>)(c => standIn!.Guarded(c, () => standIn!.CreateConversationAsync(c))));
            a.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext c, string conversationId) =>
                standIn!.Guarded(c, () => standIn!.RecordAsync(c, "POST", conversationId, null)));
            a.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext c, string conversationId, string activityId) =>
                standIn!.Guarded(c, () => standIn!.RecordAsync(c, "POST", conversationId, activityId)));
            a.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext c, string conversationId, string activityId) =>
                standIn!.Guarded(c, () => standIn!.RecordAsync(c, "PUT", conversationId, activityId)));
            a.MapGet("/v3/conversations/{conversationId}/members/{memberId}", (HttpContext c, string conversationId, string memberId) =>
                standIn!.Guarded(c, () => Task.FromResult(standIn!.Member(memberId))));
        });
        standIn = new BotConnectorStandIn(app, baseUrl, identity);
        return standIn;
    }

    public void AddMember(ConnectorMember member) => Members[member.Id] = member;

    /// <summary>The user left the tenant: member lookups answer 404 MemberNotFoundInConversation.</summary>
    public void RemoveMember(ConnectorMember member) => Members.TryRemove(member.Id, out _);

    /// <summary>The next <paramref name="times"/> calls fail with <paramref name="status"/> (and Retry-After seconds, error code).</summary>
    public void FailNext(int status, int times = 1, int? retryAfterSeconds = null, string? code = null)
    {
        for (var i = 0; i < times; i++)
        {
            faults.Enqueue(new Fault(status, retryAfterSeconds, code, null));
        }
    }

    /// <summary>
    /// Waits (woken by each recorded activity) until an activity matches, for at most <paramref name="timeout"/>
    /// (30 s by default, real time): a regression fails with <see cref="TimeoutException"/> instead of hanging.
    /// </summary>
    public Task<RecordedActivity> WaitForAsync(Func<RecordedActivity, bool> match, CancellationToken cancellationToken = default) =>
        WaitForAsync(match, TimeSpan.FromSeconds(30), cancellationToken);

    /// <inheritdoc cref="WaitForAsync(Func{RecordedActivity, bool}, CancellationToken)"/>
    public async Task<RecordedActivity> WaitForAsync(Func<RecordedActivity, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await WaitForCoreAsync(match, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("No matching activity reached the connector stand-in in time.");
        }
    }

    /// <summary>The next call is held (after its auth check) until the returned source is completed.</summary>
    public TaskCompletionSource StallNext()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        faults.Enqueue(new Fault(0, null, null, release));
        return release;
    }

    private async Task<RecordedActivity> WaitForCoreAsync(Func<RecordedActivity, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource signal;
            lock (activities)
            {
                if (activities.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiters.Add(signal);
            }

            await signal.Task.WaitAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<IResult> Guarded(HttpContext context, Func<Task<IResult>> handle)
    {
        Interlocked.Increment(ref attempts);
        if (identity is not null)
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !await identity.IsValidConnectorTokenAsync(header["Bearer ".Length..]))
            {
                Unauthorized++;
                return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Authorization has been denied for this request.");
            }
        }

        if (faults.TryDequeue(out var fault) && fault.Hold is { } hold)
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }
        else if (fault is not null)
        {
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Error(fault.Status, fault.Code ?? DefaultCode(fault.Status), "Injected fault.");
        }

        return await handle();
    }

    private async Task<IResult> CreateConversationAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        var memberId = (body?["members"] as JsonArray)?.FirstOrDefault()?["id"]?.GetValue<string>();
        if (memberId is null || body?["bot"]?["id"] is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "bot and members are required.");
        }

        if (!Members.TryGetValue(memberId, out var member) || !member.Installed)
        {
            return Error(StatusCodes.Status403Forbidden, "BotNotInConversationRoster", "The bot is not part of the conversation roster.");
        }

        return Results.Json(new { id = PersonalConversationId(member) }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The 1:1 conversation id the stand-in hands out for a user.</summary>
    public static string PersonalConversationId(ConnectorMember member) => "a:personal-" + member.AadObjectId;

    private async Task<IResult> RecordAsync(HttpContext context, string method, string conversationId, string? activityId)
    {
        if (await JsonNode.ParseAsync(context.Request.Body) is not JsonObject body || body["type"] is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "An activity with a type is required.");
        }

        // Teams refuses a mention whose <at> text is not in the message text.
        var text = body["text"]?.GetValue<string>() ?? string.Empty;
        if ((body["entities"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(e => e["type"]?.GetValue<string>() == "mention" && !text.Contains(e["text"]?.GetValue<string>() ?? "\0", StringComparison.Ordinal)))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "A mention entity's text is not in the message text.");
        }

        var id = method == "PUT" ? activityId! : "act-" + Interlocked.Increment(ref nextId);
        var record = new RecordedActivity(method, conversationId, id, method == "POST" ? activityId : null, body);
        List<TaskCompletionSource> wake;
        lock (activities)
        {
            activities.Add(record);
            wake = [.. waiters];
            waiters.Clear();
        }

        wake.ForEach(w => w.TrySetResult());
        return Results.Json(new { id }, statusCode: method == "PUT" ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    /// <summary>Teams takes either the bot-scoped 29: id or the Entra object id as the member id.</summary>
    private IResult Member(string memberId) => (Members.TryGetValue(memberId, out var byId) ? byId : Members.Values.FirstOrDefault(v => v.AadObjectId == memberId)) is { } m
        ? Results.Json(new { id = m.Id, name = m.Name, aadObjectId = m.AadObjectId, userPrincipalName = m.UserPrincipalName, email = m.Email })
        : Error(StatusCodes.Status404NotFound, "MemberNotFoundInConversation", "The member is not in the conversation.");

    private static string DefaultCode(int status) => status switch
    {
        429 => "Throttled",
        412 => "PreconditionFailed",
        413 => "MessageSizeTooBig",
        403 => "BotNotInConversationRoster",
        _ => "ServiceError",
    };

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    private sealed record Fault(int Status, int? RetryAfterSeconds, string? Code, TaskCompletionSource? Hold);
}
