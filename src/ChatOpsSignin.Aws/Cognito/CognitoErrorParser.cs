using System.Text.Json;

namespace ChatOpsSignin.Aws.Cognito;

/// <summary>
/// awsJson1_1 errors: <c>{"__type":"...#NotAuthorizedException:http://...","message":"..."}</c> or the <c>X-Amzn-ErrorType</c> header;
/// the shape name is the part after '#' and before ':' (Smithy aws-json-1_1 protocol, "Operation error serialization").
/// </summary>
internal static class CognitoErrorParser
{
    public static CognitoError Parse(HttpResponseMessage response, string body)
    {
        string? type = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                type = Read(document.RootElement, "__type") ?? Read(document.RootElement, "code");
                message = Read(document.RootElement, "message") ?? Read(document.RootElement, "Message");
            }
        }
        catch (JsonException)
        {
            message = "the answer was not JSON";
        }

        if (type is null && response.Headers.TryGetValues("X-Amzn-ErrorType", out var header))
        {
            type = header.FirstOrDefault();
        }

        return new CognitoError(Sanitise(type) ?? $"Http{(int)response.StatusCode}", (int)response.StatusCode, message ?? string.Empty);
    }

    public static string? Sanitise(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return null;
        }

        var hash = type.IndexOf('#', StringComparison.Ordinal);
        var name = hash >= 0 ? type[(hash + 1)..] : type;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? name[..colon] : name;
    }

    private static string? Read(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
