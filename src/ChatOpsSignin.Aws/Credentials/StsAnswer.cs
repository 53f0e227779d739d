using System.Xml;

namespace ChatOpsSignin.Aws.Credentials;

/// <summary>
/// The fields the broker reads from an STS Query answer or its <c>ErrorResponse/Error</c>, in one forward pass of an
/// XmlReader (no DOM per call). A leaf is matched by its local name and its parent's, so <c>AssumedRoleUser/Arn</c>,
/// <c>FederatedUser/Arn</c> and <c>GetCallerIdentityResult/Arn</c> stay apart; namespaces are not checked.
/// </summary>
internal sealed class StsAnswer
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        XmlResolver = null,
    };

    /// <summary>The document element, e.g. <c>AssumeRoleResponse</c> or <c>ErrorResponse</c>.</summary>
    public string Root { get; private set; } = string.Empty;

    public string? AccessKeyId { get; private set; }

    public string? SecretAccessKey { get; private set; }

    public string? SessionToken { get; private set; }

    public string? Expiration { get; private set; }

    public string? AssumedRoleArn { get; private set; }

    public string? FederatedUserArn { get; private set; }

    public string? SourceIdentity { get; private set; }

    public string? CallerArn { get; private set; }

    public string? CallerAccount { get; private set; }

    public string? CallerUserId { get; private set; }

    public string? ErrorType { get; private set; }

    public string? ErrorCode { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <returns>The answer, or null when the text is not well-formed XML.</returns>
    public static StsAnswer? Read(string text)
    {
        var answer = new StsAnswer();
        var path = new string[8];
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth < path.Length)
                {
                    path[reader.Depth] = reader.LocalName;
                    if (reader.Depth == 0)
                    {
                        answer.Root = reader.LocalName;
                    }
                }
                else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && reader.Depth is >= 2 and <= 8)
                {
                    answer.Set(path[reader.Depth - 2], path[reader.Depth - 1], reader.Value);
                }
            }
        }
        catch (XmlException)
        {
            return null;
        }

        return answer.Root.Length == 0 ? null : answer;
    }

    private void Set(string parent, string name, string value)
    {
        switch (parent, name)
        {
            case ("Credentials", "AccessKeyId"): AccessKeyId = value; break;
            case ("Credentials", "SecretAccessKey"): SecretAccessKey = value; break;
            case ("Credentials", "SessionToken"): SessionToken = value; break;
            case ("Credentials", "Expiration"): Expiration = value; break;
            case ("AssumedRoleUser", "Arn"): AssumedRoleArn = value; break;
            case ("FederatedUser", "Arn"): FederatedUserArn = value; break;
            case ("AssumeRoleResult" or "AssumeRoleWithWebIdentityResult", "SourceIdentity"): SourceIdentity = value; break;
            case ("GetCallerIdentityResult", "Arn"): CallerArn = value; break;
            case ("GetCallerIdentityResult", "Account"): CallerAccount = value; break;
            case ("GetCallerIdentityResult", "UserId"): CallerUserId = value; break;
            case ("Error", "Type"): ErrorType = value; break;
            case ("Error", "Code"): ErrorCode = value; break;
            case ("Error", "Message"): ErrorMessage = value; break;
        }
    }
}
