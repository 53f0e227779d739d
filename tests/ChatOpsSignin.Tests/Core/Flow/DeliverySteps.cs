using ChatOpsSignin.Core.Delivery;

namespace ChatOpsSignin.Tests.Core.Flow;

/// <summary>The driver's two moves of showing a link, for platform tests that exercise a delivery on its own.</summary>
internal static class DeliverySteps
{
    public static async Task<string> DeliverLinkAsync(this IChatDelivery delivery, LinkDelivery link, CancellationToken cancellationToken)
    {
        var slot = await delivery.OpenLinkSlotAsync(link.Request, cancellationToken);
        return await delivery.ShowLinkAsync(slot, link, cancellationToken);
    }
}
