using System.Text;

namespace ChatOpsSignin.Aws.Protocol;

/// <summary>
/// The body of one AWS Query-protocol request (STS, IAM): <c>Action</c>, <c>Version</c>, then the parameters,
/// percent-encoded; null values are left out. Lists are <c>Name.member.N</c> numbered from 1 (Smithy awsQuery protocol).
/// </summary>
internal sealed class QueryForm
{
    public const string ContentType = "application/x-www-form-urlencoded";
    private readonly StringBuilder text = new(1024);

    public QueryForm(string action, string version)
    {
        Action = action;
        text.Append("Action=").Append(action).Append("&Version=").Append(version);
    }

    public string Action { get; }

    public QueryForm Add(string name, string? value)
    {
        if (value is not null)
        {
            text.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public QueryForm Add(string name, int value)
    {
        text.Append('&').Append(name).Append('=').Append(value);
        return this;
    }

    /// <summary>Session tags: <c>Tags.member.N.Key</c> and <c>Tags.member.N.Value</c>.</summary>
    public QueryForm AddTags(IReadOnlyDictionary<string, string> tags)
    {
        var n = 0;
        foreach (var (key, value) in tags)
        {
            n++;
            text.Append("&Tags.member.").Append(n).Append(".Key=").Append(Uri.EscapeDataString(key));
            text.Append("&Tags.member.").Append(n).Append(".Value=").Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    /// <summary>Managed session policies: <c>PolicyArns.member.N.arn</c>.</summary>
    public QueryForm AddPolicyArns(IReadOnlyList<string> arns)
    {
        for (var i = 0; i < arns.Count; i++)
        {
            text.Append("&PolicyArns.member.").Append(i + 1).Append(".arn=").Append(Uri.EscapeDataString(arns[i]));
        }

        return this;
    }

    /// <summary>The encoded body. It may carry a web identity token: never log it.</summary>
    public string Encoded => text.ToString();

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(Encoded);
}
