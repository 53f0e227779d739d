using Amazon.DynamoDBv2.Model;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Storage.DynamoDb.Items;

namespace ChatOpsSignin.Storage.DynamoDb.Delivery;

/// <summary>
/// Maps <see cref="IssuedLinkRecord"/> to and from its item: <c>pk = req#{id}</c>, <c>sk = link#{sha256(messageRef)}</c>.
/// While the link is live the item is also in <c>gsi1</c> under <c>livelinks#{requester}</c> sorted by issue time; marking
/// it removed drops those attributes, so the index holds only live links (a sparse index).
/// </summary>
internal static class LinkItems
{
    public const string RemovedAt = "removed_at";
    private const string RequestId = "request_id";
    private const string Platform = "platform";
    private const string Requester = "requester";
    private const string Profile = "profile";
    private const string MessageRef = "message_ref";
    private const string IssuedAt = "issued_at";
    private const string LinkExpiresAt = "link_expires_at";

    public const string SkPrefix = "link#";

    public static Dictionary<string, AttributeValue> Key(RequestId id, string messageRef) => new()
    {
        [Keys.Pk] = Attr.S(Keys.Request(id)),
        [Keys.Sk] = Attr.S(Keys.LinkSk(messageRef)),
    };

    public static Dictionary<string, AttributeValue> Write(IssuedLinkRecord record)
    {
        var item = Key(record.RequestId, record.MessageRef);
        item[RequestId] = Attr.S(record.RequestId.Value);
        item[Platform] = Attr.S(record.Platform.ToString());
        item[Requester] = Attr.S(record.Requester.Key);
        item[Profile] = Attr.S(record.Profile);
        item[MessageRef] = Attr.S(record.MessageRef);
        item[IssuedAt] = Attr.At(record.IssuedAt);
        item[LinkExpiresAt] = Attr.At(record.LinkExpiresAt);
        if (record.RemovedAt is { } removed)
        {
            item[RemovedAt] = Attr.At(removed);
        }
        else
        {
            item[Keys.Gsi1Pk] = Attr.S(Keys.LiveLinksOf(record.Requester.Key));
            item[Keys.Gsi1Sk] = Attr.S($"{Attr.Time(record.IssuedAt)}#{record.RequestId.Value}");
        }

        return item;
    }

    public static IssuedLinkRecord Read(Dictionary<string, AttributeValue> item) => new(
        new RequestId(item.Text(RequestId)),
        item.Enum<ChatPlatform>(Platform),
        ChatUserId.Parse(item.Text(Requester)),
        item.Text(Profile),
        item.Text(MessageRef),
        item.Time(IssuedAt),
        item.Time(LinkExpiresAt),
        item.OptionalTime(RemovedAt));
}
