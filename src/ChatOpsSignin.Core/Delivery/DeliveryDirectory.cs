using ChatOpsSignin.Core.Identity;

namespace ChatOpsSignin.Core.Delivery;

/// <summary>The registered chat deliveries, by platform.</summary>
public sealed class DeliveryDirectory(IEnumerable<IChatDelivery> deliveries)
{
    private readonly Dictionary<ChatPlatform, IChatDelivery> byPlatform = deliveries.ToDictionary(d => d.Platform);

    public IChatDelivery? For(ChatPlatform platform) => byPlatform.GetValueOrDefault(platform);
}
