using System.Net;
using System.Xml.Linq;
using ChatOpsSignin.Aws.Broker;
using ChatOpsSignin.Aws.Options;
using ChatOpsSignin.Aws.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsSignin.Aws.Iam;

/// <summary>
/// The three IAM Query calls revoke needs (AWSSDK.IdentityManagement is not in the registry): form-encoded POST,
/// <c>Version=2010-05-08</c>, SigV4 service <c>iam</c> signed with AWSSDK.Core's signer, XML answers.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html, API_GetRolePolicy.html, API_DeleteRolePolicy.html.
/// Endpoint: <c>Aws:IamServiceUrl</c>, else the partition's global IAM endpoint (signed in its home region).
/// </summary>
public sealed partial class IamClient(HttpClient http, BrokerCredentials broker, IOptions<AwsOptions> options, TimeProvider time, ILogger<IamClient> logger)
{
    private const string Version = "2010-05-08";
    private static readonly XNamespace Ns = "https://iam.amazonaws.com/doc/2010-05-08/";

    public async Task<IamReply<bool>> PutRolePolicyAsync(string roleName, string policyName, string document, CancellationToken cancellationToken)
    {
        var reply = await SendAsync("PutRolePolicy", [("RoleName", roleName), ("PolicyName", policyName), ("PolicyDocument", document)], cancellationToken);
        return reply.Error is { } error ? IamReply<bool>.Failed(error) : IamReply<bool>.Of(true);
    }

    /// <returns>The policy document (URL-decoded), or null when the role has no such inline policy.</returns>
    public async Task<IamReply<string?>> GetRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken)
    {
        var reply = await SendAsync("GetRolePolicy", [("RoleName", roleName), ("PolicyName", policyName)], cancellationToken);
        if (reply.Error is { Code: "NoSuchEntity" })
        {
            return IamReply<string?>.Of(null);
        }

        if (reply.Error is { } error)
        {
            return IamReply<string?>.Failed(error);
        }

        var encoded = reply.Xml!.Descendants(Ns + "PolicyDocument").Select(e => e.Value).FirstOrDefault() ?? string.Empty;
        return IamReply<string?>.Of(WebUtility.UrlDecode(encoded));
    }

    /// <returns>True when deleted, false when there was none.</returns>
    public async Task<IamReply<bool>> DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken)
    {
        var reply = await SendAsync("DeleteRolePolicy", [("RoleName", roleName), ("PolicyName", policyName)], cancellationToken);
        return reply.Error switch
        {
            { Code: "NoSuchEntity" } => IamReply<bool>.Of(false),
            { } error => IamReply<bool>.Failed(error),
            _ => IamReply<bool>.Of(true),
        };
    }

    private async Task<(XDocument? Xml, IamError? Error)> SendAsync(string action, (string Name, string Value)[] parameters, CancellationToken cancellationToken)
    {
        var form = new QueryForm(action, Version);
        foreach (var (name, value) in parameters)
        {
            form.Add(name, value);
        }

        var body = form.ToBytes();
        var session = await broker.ResolveAsync(cancellationToken);
        if (!session.Succeeded)
        {
            return (null, new IamError("NoBrokerCredentials", 0, session.Failure.AdminMessage));
        }

        var endpoint = Endpoint;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new(QueryForm.ContentType) { CharSet = "utf-8" };
        await SigV4.SignAsync(request, body, session.Value.Credentials, SigningRegion, "iam", time.GetUtcNow(), cancellationToken);

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var xml = TryParse(text);
            if (response.IsSuccessStatusCode && xml is not null)
            {
                return (xml, null);
            }

            var code = xml?.Descendants(Ns + "Code").Select(e => e.Value).FirstOrDefault() ?? $"HTTP{(int)response.StatusCode}";
            var message = xml?.Descendants(Ns + "Message").Select(e => e.Value).FirstOrDefault() ?? string.Empty;
            if (code != "NoSuchEntity")
            {
                // NoSuchEntity is the normal answer for a role without revocations; anything else is worth a warning.
                Log.Refused(logger, action, (int)response.StatusCode, code);
            }
            return (null, new IamError(code, (int)response.StatusCode, message));
        }
        catch (HttpRequestException exception)
        {
            return (null, new IamError("Unreachable", 0, exception.Message));
        }
    }

    private Uri Endpoint => options.Value.IamServiceUrl is { } url ? new Uri(url) : options.Value.PartitionInfo.Name switch
    {
        "aws-us-gov" => new Uri("https://iam.us-gov.amazonaws.com/"),
        "aws-cn" => new Uri("https://iam.cn-north-1.amazonaws.com.cn/"),
        _ => new Uri("https://iam.amazonaws.com/"),
    };

    private string SigningRegion => options.Value.PartitionInfo.Name switch
    {
        "aws-us-gov" => "us-gov-west-1",
        "aws-cn" => "cn-north-1",
        _ => "us-east-1",
    };

    private static XDocument? TryParse(string text)
    {
        try
        {
            return XDocument.Parse(text);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "IAM {Action} answered HTTP {Status} {Code}.")]
        public static partial void Refused(ILogger logger, string action, int status, string code);
    }
}

public sealed record IamError(string Code, int Status, string Message);

public sealed record IamReply<T>(T? Value, IamError? Error)
{
    public static IamReply<T> Of(T value) => new(value, null);

    public static IamReply<T> Failed(IamError error) => new(default, error);
}
