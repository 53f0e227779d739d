using System.Security.Cryptography;

namespace ChatOpsSignin.Core.Requests;

/// <summary>An unguessable request id. It is the only thing a chat button carries.</summary>
public readonly record struct RequestId(string Value)
{
    public static RequestId New() => new("req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));

    public override string ToString() => Value;
}
