using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace ChatOpsSignin.Aws.Protocol;

/// <summary>
/// Signs an outgoing request with AWSSDK.Core's standalone SigV4 signer. The signed headers are the request's Content-Type
/// and its own headers (e.g. X-Amz-Target) exactly as they go on the wire; the signer adds Authorization, X-Amz-Date,
/// X-Amz-Content-SHA256 and, for temporary credentials, X-Amz-Security-Token.
/// </summary>
internal static class SigV4
{
    public static async Task SignAsync(
        HttpRequestMessage request, byte[] body, AWSCredentials credentials, string region, string service, DateTimeOffset signedAt, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = request.RequestUri!, Content = body };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            signing.Headers["Content-Type"] = contentType.ToString();
        }

        foreach (var (name, values) in request.Headers)
        {
            signing.Headers[name] = string.Join(',', values);
        }

        var signed = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = signedAt.UtcDateTime,
        }, cancellationToken);
        foreach (var (name, value) in signed.Headers)
        {
            // Headers that were signed as given are on the request (or its content) already.
            if (!signing.Headers.ContainsKey(name) && !name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}
