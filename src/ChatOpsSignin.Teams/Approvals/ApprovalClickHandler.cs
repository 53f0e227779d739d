using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Approvals;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Teams.Cards;
using ChatOpsSignin.Teams.Connector;
using ChatOpsSignin.Teams.Delivery;
using ChatOpsSignin.Teams.Identity;
using ChatOpsSignin.Teams.Inbound;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Teams.Approvals;

/// <summary>
/// Turns a click into <see cref="ISigninBroker.DecideAsync"/> (synchronous, first decision wins), for the decided
/// card's End reuse window button into <see cref="ISigninBroker.EndReuseAsync"/>, and for a break-glass announcement's
/// Acknowledge into <see cref="ISigninBroker.AcknowledgeAsync"/>, and shows the answer: for Action.Execute
/// as the invoke response card, for Action.Submit as a card update or a reply saying why not.
/// </summary>
internal sealed partial class ApprovalClickHandler(
    ISigninBroker broker, BotConnectorClient connector, ILogger<ApprovalClickHandler> logger)
{
    public const string InvokeCardType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The synchronous <c>adaptiveCard/action</c> invoke response body.</summary>
    public async Task<JsonObject> ExecuteAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (ApprovalClick.FromExecute(activity) is not { } click)
        {
            return Error(400, "BadRequest", "This card action is not one I know.");
        }

        var clicker = TeamsIdentity.From(activity);
        if (clicker is null)
        {
            return CardResponse(ApprovalCard.Message(TeamsIdentity.NoObjectId));
        }

        if (click.Revoke)
        {
            // The card stays as it is (it may be the link card); the answer is a message to the clicker.
            var revoked = await RevokeAsync(activity, click, clicker, cancellationToken);
            return new JsonObject { ["statusCode"] = 200, ["type"] = "application/vnd.microsoft.activity.message", ["value"] = revoked.Message };
        }

        var result = await ActAsync(click, clicker, cancellationToken);
        return CardResponse(click.Acknowledge ? BreakGlassCardFor(result) : await CardForAsync(result, click.EndsReuse, cancellationToken));
    }

    /// <summary>
    /// An Action.Submit click arrived as a message: decide; a click that decided leaves the card to the driver (it updates
    /// the prompt it posted, once); a click that decided nothing gets a reply saying why.
    /// </summary>
    public async Task SubmitAsync(Activity activity, ApprovalClick click, CancellationToken cancellationToken)
    {
        var clicker = TeamsIdentity.From(activity);
        if (clicker is null)
        {
            await ReplyAsync(activity, TeamsIdentity.NoObjectId, cancellationToken);
            return;
        }

        if (click.Revoke)
        {
            await ReplyAsync(activity, (await RevokeAsync(activity, click, clicker, cancellationToken)).Message, cancellationToken);
            return;
        }

        var result = await ActAsync(click, clicker, cancellationToken);
        if (click.Acknowledge && result is { Taken: true, Approval.PromptRef: { } promptRef })
        {
            // The click that won redraws the announcement; any other gets a reply saying why not.
            var announcement = MessageRef.Parse(promptRef);
            await connector.UpdateAsync(
                announcement.ServiceUrl, announcement.ConversationId, announcement.ActivityId, OutboundActivity.Card(BreakGlassCardFor(result)), cancellationToken);
            return;
        }

        if (!result.Taken || click.EndsReuse || click.Acknowledge)
        {
            await ReplyAsync(activity, result.Message, cancellationToken);
        }
    }

    private async Task<Core.Revocation.RevokeResult> RevokeAsync(Activity activity, ApprovalClick click, Core.Identity.ChatUser clicker, CancellationToken cancellationToken)
    {
        var result = await broker.RevokeAsync(
            new RequestId(click.RequestId), clicker, ReplyTarget.From(activity, clicker.Id.Tenant).ToJson(), cancellationToken);
        Log.Revoked(logger, click.RequestId, result.Status);
        return result;
    }

    /// <summary>The break-glass card after an Acknowledge: acknowledged (first one wins), or as it was with why not.</summary>
    public static JsonObject BreakGlassCardFor(DecisionResult result) => result.Approval switch
    {
        { State: ApprovalState.Approved } acknowledged => BreakGlassCard.Acknowledged(acknowledged, result.Taken ? null : result.Message),
        { IsBreakGlass: true } open => BreakGlassCard.Announcement(open, result.Message),
        _ => ApprovalCard.Message(result.Message),
    };

    /// <summary>
    /// The card the clicker sees. A decided card keeps its End reuse window button while the window is open (the approval
    /// in a result does not carry it; once an approver ends it, it is closed). A click that decided nothing, and an ended
    /// window, say why on the card.
    /// </summary>
    public async Task<JsonObject> CardForAsync(DecisionResult result, bool endedReuse, CancellationToken cancellationToken)
    {
        var note = result.Taken && !endedReuse ? null : result.Message;
        return result.Approval switch
        {
            { State: ApprovalState.Approved } approved => ApprovalCard.Decided(
                approved with { ReuseUntil = await broker.OpenReuseUntilAsync(approved, cancellationToken) }, note),
            { State: not ApprovalState.Pending } decided => ApprovalCard.Decided(decided, note),
            { } pending => ApprovalCard.Prompt(pending, result.Message),
            null => ApprovalCard.Message(result.Message),
        };
    }

    private async Task<DecisionResult> ActAsync(ApprovalClick click, ChatUser clicker, CancellationToken cancellationToken)
    {
        var id = new RequestId(click.RequestId);
        var result = click switch
        {
            { Acknowledge: true } => await broker.AcknowledgeAsync(id, clicker, cancellationToken),
            { EndsReuse: true } => await broker.EndReuseAsync(id, clicker, cancellationToken),
            _ => await broker.DecideAsync(id, clicker, click.Approve, cancellationToken),
        };
        Log.Clicked(logger, click.RequestId, click.Verb, result.Status);
        return result;
    }

    private Task<string> ReplyAsync(Activity activity, string text, CancellationToken cancellationToken) =>
        connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, OutboundActivity.Text(text), activity.Id, cancellationToken);

    private static JsonObject CardResponse(JsonObject card) => new()
    {
        ["statusCode"] = 200,
        ["type"] = InvokeCardType,
        ["value"] = card,
    };

    private static JsonObject Error(int status, string code, string message) => new()
    {
        ["statusCode"] = status,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Approval click ({Verb}) on request {RequestId}: {Status}")]
        public static partial void Clicked(ILogger logger, string requestId, string verb, DecisionStatus status);

        [LoggerMessage(Level = LogLevel.Information, Message = "Revoke click on request {RequestId}: {Status}")]
        public static partial void Revoked(ILogger logger, string requestId, Core.Revocation.RevokeStatus status);
    }
}
