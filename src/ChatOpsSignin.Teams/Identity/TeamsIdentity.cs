using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Teams.Inbound;

namespace ChatOpsSignin.Teams.Identity;

/// <summary>
/// The chat user behind an activity: <c>teams:{tenant}/{aadObjectId}</c>. The bot-scoped <c>29:</c> id and display
/// names are never keys. Without an Entra object id (guests of some channels, non-Teams clients) there is no key.
/// </summary>
internal static class TeamsIdentity
{
    public const string NoObjectId =
        "I can't tell who you are: your message carried no Microsoft Entra object id (aadObjectId). Use Teams with your work account.";

    public const string NoTenant = "I can't tell which tenant you are in: the message carried no tenant id.";

    public static ChatUser? From(Activity activity, string? handle = null)
    {
        var tenant = activity.TenantId;
        var objectId = activity.From?.AadObjectId;
        if (string.IsNullOrWhiteSpace(tenant) || string.IsNullOrWhiteSpace(objectId) || tenant.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        return new ChatUser(ChatUserId.Teams(tenant, objectId), handle ?? activity.From?.Name ?? objectId);
    }
}
