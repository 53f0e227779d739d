using Amazon.Runtime;

namespace ChatOpsSignin.Aws.Broker;

/// <summary>The bot's own AWS credentials and what kind they are. <see cref="ToString"/> shows no secret.</summary>
/// <param name="Source">Where they came from, for messages: "dependency injection" or "AWS SDK default chain".</param>
public sealed record BrokerSession(AWSCredentials Credentials, bool IsTemporary, string Source)
{
    public override string ToString() => $"BrokerSession({(IsTemporary ? "temporary" : "long-term")}, from {Source})";
}
