using System.Text.Json.Nodes;
using ChatOpsSignin.Core.Delivery;

namespace ChatOpsSignin.Teams.Cards;

/// <summary>The private card with the sign-in link: the only card that ever holds a URL.</summary>
internal static class LinkCard
{
    public const string ButtonTitle = "Open AWS console";

    public static JsonObject For(LinkDelivery delivery)
    {
        var credentials = delivery.Credentials;
        return AdaptiveCard.Card(
            [
                AdaptiveCard.Text($"AWS console: {delivery.Request.Profile}", bold: true),
                AdaptiveCard.Facts(
                    ("Profile", delivery.Request.Profile),
                    ("Account", credentials.AccountId),
                    ("Role", credentials.RoleArn ?? credentials.PrincipalArn),
                    ("Console session ends", AdaptiveCard.Time(delivery.Link.ConsoleSessionEndsAt)),
                    ("Link expires", AdaptiveCard.Time(delivery.Link.ExpiresAt))),
                AdaptiveCard.Text("This link is for you alone. Do not share it; it stops working when it expires."),
            ],
            [
                new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = ButtonTitle, ["url"] = delivery.Link.Url.AbsoluteUri },
                ApprovalCard.Button("Revoke", ApprovalCard.Revoke, delivery.Request.Id.Value),
            ]);
    }

    /// <summary>What replaces the link card at expiry: no URL, no button.</summary>
    public static JsonObject Expired(string profile, DateTimeOffset expiredAt) => AdaptiveCard.Card(
        [
            AdaptiveCard.Text($"AWS console: {profile}", bold: true),
            AdaptiveCard.Text($"This sign-in link expired at {AdaptiveCard.Time(expiredAt)} and has been removed. Ask again with `console {profile}`.", color: "Attention"),
        ]);

    /// <summary>The placeholder posted before the link exists; the link arrives by updating it.</summary>
    public static JsonObject Preparing(string profile) => AdaptiveCard.Card(
        [
            AdaptiveCard.Text($"AWS console: {profile}", bold: true),
            AdaptiveCard.Text("Getting your sign-in link…"),
        ]);

    /// <summary>What replaces the placeholder when no link will come.</summary>
    public static JsonObject Failed(string profile, string why) => AdaptiveCard.Card(
        [
            AdaptiveCard.Text($"AWS console: {profile}", bold: true),
            AdaptiveCard.Text($"No link was issued: {why}", color: "Attention"),
        ]);
}
