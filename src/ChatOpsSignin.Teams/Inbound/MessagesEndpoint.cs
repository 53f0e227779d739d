using System.Text.Json;
using ChatOpsSignin.Core.Chat;
using ChatOpsSignin.Teams.Approvals;
using ChatOpsSignin.Teams.Commands;
using ChatOpsSignin.Teams.Connector;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Teams.Inbound;

/// <summary>
/// <c>POST /api/messages</c>: token check on the header (before the body is read), size limit, the token bound to the
/// activity (channel, serviceurl claim), tenant and serviceUrl checks, then either the synchronous Action.Execute
/// answer, or a message run (and recorded) before the 200. Nothing is read or processed before the token is valid.
/// </summary>
internal sealed partial class MessagesEndpoint(
    BotFrameworkTokenValidator tokens,
    ServiceUrlPolicy serviceUrls,
    CommandRunner commands,
    ApprovalClickHandler clicks,
    IOptions<TeamsOptions> options,
    ILogger<MessagesEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!options.Value.AllowUnauthenticatedLocalClient && string.IsNullOrEmpty(authorization))
        {
            Log.Rejected(logger, "no Authorization header");
            return Results.Unauthorized();
        }

        // The token is checked on the header alone: an unauthenticated caller never gets the body read or parsed.
        var token = await tokens.ValidateAsync(authorization, cancellationToken);
        if (!token.Valid)
        {
            return Results.Unauthorized();
        }

        var body = await ReadBoundedAsync(context, options.Value.MaxActivityBytes);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, Activity.Json);
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null)
        {
            Log.Rejected(logger, "body is not an activity");
            return Results.BadRequest();
        }

        var check = tokens.CheckActivity(token, activity);
        if (!check.Valid)
        {
            return Results.Unauthorized();
        }

        if (activity.Type is null || activity.Conversation?.Id is null || activity.From?.Id is null || !serviceUrls.IsAllowed(activity.ServiceUrl))
        {
            Log.Refused(logger, activity.Id, "missing type, conversation, sender, or a serviceUrl host that is not allowed");
            return Results.BadRequest();
        }

        if (activity.TenantId is { } tenant && !options.Value.IsTenantAllowed(tenant))
        {
            Log.Refused(logger, activity.Id, $"tenant {tenant} is not in Teams:AllowedTenants");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        try
        {
            return activity.Type switch
            {
                ActivityTypes.Invoke when activity.Name == ActivityTypes.AdaptiveCardAction =>
                    Results.Json(await clicks.ExecuteAsync(activity, cancellationToken), statusCode: StatusCodes.Status200OK),
                ActivityTypes.Invoke => Results.StatusCode(StatusCodes.Status501NotImplemented),
                ActivityTypes.Message => await RunMessageAsync(activity, cancellationToken),
                _ => Results.Ok(),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing could be recorded (the store is down, most likely): no 200 that would promise an answer.
            Log.Unavailable(logger, e, activity.Id);
            return Results.Text(Core.Chat.ChatNotices.Unavailable, "text/plain", System.Text.Encoding.UTF8, StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>A failure after the front door recorded the request still answers 200: the driver owns it now.</summary>
    private async Task<IResult> RunMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            await commands.RunAsync(activity, cancellationToken);
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException)
        {
            Log.ReplyFailed(logger, activity.Id, e.GetType().Name);
        }

        return Results.Ok();
    }

    /// <summary>The shared bounded read, with Kestrel's own limit lowered to match so it stops an oversized upload too.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContext context, int max)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        try
        {
            return await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, max, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Teams activity: {Reason}")]
        public static partial void Rejected(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Replying to Teams activity {ActivityId} failed: {Error}")]
        public static partial void ReplyFailed(ILogger logger, string? activityId, string error);

        [LoggerMessage(Level = LogLevel.Error, Message = "Teams activity {ActivityId} could not be recorded; answered 503")]
        public static partial void Unavailable(ILogger logger, Exception exception, string? activityId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Refused Teams activity {ActivityId}: {Reason}")]
        public static partial void Refused(ILogger logger, string? activityId, string reason);
    }
}
