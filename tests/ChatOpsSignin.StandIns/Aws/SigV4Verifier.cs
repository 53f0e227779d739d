using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChatOpsSignin.StandIns.Aws;

/// <summary>
/// Server side of AWS Signature Version 4: rebuilds the canonical request from what arrived and recomputes the
/// signature (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). Rejects a missing or
/// malformed Authorization, an unknown key, a missing/wrong session token, a wrong scope, an X-Amz-Date more than
/// 5 minutes from the stand-in's clock, and any signature that does not match.
/// </summary>
internal static class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    /// <param name="codes">Error codes in the service's vocabulary (STS query vs. awsJson services).</param>
    public static (StandInKey? Key, AwsError? Error) Verify(
        HttpRequest request, byte[] body, string service, Func<string, StandInKey?> lookup, DateTimeOffset now, SigV4ErrorCodes codes)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return (null, new AwsError(codes.MissingStatus, codes.Missing, "Request is missing Authentication Token"));
        }

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal) || Parse(authorization[Algorithm.Length..]) is not { } parts
            || !parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
        {
            return (null, new AwsError(400, "IncompleteSignature", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters."));
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return (null, new AwsError(400, "IncompleteSignature", $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'"));
        }

        var key = lookup(scope[0]);
        var token = request.Headers["X-Amz-Security-Token"].ToString();
        if (key is null || (key.SessionToken ?? string.Empty) != token)
        {
            return (null, new AwsError(codes.InvalidKeyStatus, codes.InvalidKey, "The security token included in the request is invalid."));
        }

        if (key.Expires is { } expires && expires <= now)
        {
            return (null, new AwsError(codes.InvalidKeyStatus, codes.Expired, "The security token included in the request is expired"));
        }

        if (scope[3] != service)
        {
            return (null, new AwsError(codes.SignatureStatus, codes.Signature, $"Credential should be scoped to correct service: '{service}'."));
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || scope[1] != amzDate[..8])
        {
            return (null, new AwsError(400, "IncompleteSignature", "Date must be in ISO-8601 'basic format' and match the credential scope."));
        }

        if ((now - signedAt).Duration() > MaxSkew)
        {
            var earliest = (now - MaxSkew).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var current = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            return (null, new AwsError(codes.SignatureStatus, codes.Signature,
                $"Signature expired: {amzDate} is now earlier than {earliest} ({current} - 5 min.)"));
        }

        var headerNames = signedHeaders.Split(';');
        if (!headerNames.Contains("host"))
        {
            return (null, new AwsError(codes.SignatureStatus, codes.Signature, "'Host' must be a 'SignedHeader' in the AWS Authorization."));
        }

        var canonical = CanonicalRequest(request, body, headerNames, signedHeaders);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope[1]}/{scope[2]}/{scope[3]}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var signingKey = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + key.Secret), scope[1]), scope[2]), scope[3]), "aws4_request");
        var expected = Hex(Hmac(signingKey, stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return (null, new AwsError(codes.SignatureStatus, codes.Signature,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."));
        }

        return (key, null);
    }

    private static string CanonicalRequest(HttpRequest request, byte[] body, string[] headerNames, string signedHeaders)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = question >= 0 ? rawTarget[..question] : rawTarget;
        var query = question >= 0 ? rawTarget[(question + 1)..] : string.Empty;
        var canonicalQuery = string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(p => (Name: Encode(p[0]), Value: Encode(p.Length > 1 ? p[1] : string.Empty)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var headers = new StringBuilder();
        foreach (var name in headerNames)
        {
            var value = name == "host" ? request.Host.Value : string.Join(',', request.Headers[name].Select(v => v ?? string.Empty));
            headers.Append(name).Append(':').Append(string.Join(' ', (value ?? string.Empty).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }

        return $"{request.Method}\n{(path.Length == 0 ? "/" : path)}\n{canonicalQuery}\n{headers}\n{signedHeaders}\n{Hex(SHA256.HashData(body))}";
    }

    private static string Encode(string component) => Uri.EscapeDataString(Uri.UnescapeDataString(component.Replace('+', ' ')));

    private static Dictionary<string, string>? Parse(string parameters)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parameters.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            result[part[..equals]] = part[(equals + 1)..];
        }

        return result;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

/// <summary>Error codes of SigV4 failures as one service family names them.</summary>
internal sealed record SigV4ErrorCodes(string Missing, int MissingStatus, string InvalidKey, int InvalidKeyStatus, string Expired, string Signature, int SignatureStatus)
{
    /// <summary>STS (query protocol): https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html</summary>
    public static readonly SigV4ErrorCodes Query = new("MissingAuthenticationToken", 403, "InvalidClientTokenId", 403, "ExpiredToken", "SignatureDoesNotMatch", 403);

    /// <summary>awsJson services such as Cognito Identity.</summary>
    public static readonly SigV4ErrorCodes Json = new("MissingAuthenticationTokenException", 400, "UnrecognizedClientException", 400, "ExpiredTokenException", "InvalidSignatureException", 400);
}
