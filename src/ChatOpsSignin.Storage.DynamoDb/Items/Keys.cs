using System.Security.Cryptography;
using System.Text;
using ChatOpsSignin.Core.Requests;

namespace ChatOpsSignin.Storage.DynamoDb.Items;

/// <summary>
/// Every key of the single-table design (README.md has the table). Each entity's partition key starts with its own
/// prefix, so entities never collide and one GSI can answer several queries by prefix.
/// </summary>
internal static class Keys
{
    public const string Pk = "pk";
    public const string Sk = "sk";
    public const string Gsi1 = "gsi1";
    public const string Gsi1Pk = "gsi1pk";
    public const string Gsi1Sk = "gsi1sk";
    public const string Gsi2 = "gsi2";
    public const string Gsi2Pk = "gsi2pk";
    public const string Gsi2Sk = "gsi2sk";
    public const string Ttl = "ttl";

    /// <summary>Everything of one request (approval, work item, link messages) shares one partition.</summary>
    public static string Request(RequestId id) => "req#" + id.Value;

    public const string ApprovalSk = "approval";
    public const string WorkSk = "work";

    public static string ApprovalsOf(string requesterKey) => "approvals#" + requesterKey;

    public static string LinkSk(string messageRef) => "link#" + Digest(messageRef);

    public static string LiveLinksOf(string requesterKey) => "livelinks#" + requesterKey;

    public static string ReplayEntry(string key) => "replay#" + Digest(key);

    public static string RateLimit(string key) => "rate#" + Digest(key);

    /// <summary>
    /// A fixed-length digest where the caller's string can be long (a Teams message ref, a signature) and keys are limited
    /// to 1024 bytes (sort) / 2048 bytes (partition). The readable value is stored beside it as an attribute.
    /// </summary>
    public static string Digest(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
