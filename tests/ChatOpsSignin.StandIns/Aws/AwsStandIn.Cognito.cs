using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsSignin.StandIns.Aws;

/// <summary>
/// Cognito Identity over awsJson1_1: POST /, X-Amz-Target, Content-Type exactly application/x-amz-json-1.1.
/// GetId and GetOpenIdToken are unsigned; GetOpenIdTokenForDeveloperIdentity must be SigV4-signed for cognito-identity.
/// Errors carry a namespaced <c>__type</c> and the X-Amzn-ErrorType header, as the service does.
/// </summary>
public sealed partial class AwsStandIn
{
    private const string TargetPrefix = "AWSCognitoIdentityService.";
    private const string ErrorNamespace = "com.amazonaws.cognito.identity.model#";
    private static readonly TimeSpan GuestTokenLifetime = TimeSpan.FromMinutes(10);

    private async Task CognitoAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request);
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
        var fault = Count(operation);
        if (fault is { Hang: true })
        {
            await HangAsync(context);
            return;
        }

        if (fault is not null)
        {
            await CognitoErrorAsync(context, new AwsError(fault.Status, fault.Code, fault.Message ?? $"{fault.Code} (injected)"));
            return;
        }

        if (context.Request.Method != HttpMethods.Post || context.Request.ContentType != "application/x-amz-json-1.1")
        {
            await CognitoErrorAsync(context, new AwsError(400, "SerializationException", $"Unexpected content type '{context.Request.ContentType}'"));
            return;
        }

        JsonObject? input;
        try
        {
            input = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            input = null;
        }

        if (input is null)
        {
            await CognitoErrorAsync(context, new AwsError(400, "SerializationException", "Start of structure or map found where not expected."));
            return;
        }

        StandInKey? caller = null;
        if (operation == "GetOpenIdTokenForDeveloperIdentity")
        {
            var (key, error) = SigV4Verifier.Verify(context.Request, body, "cognito-identity", FindKey, time.GetUtcNow(), SigV4ErrorCodes.Json);
            if (error is not null)
            {
                await CognitoErrorAsync(context, error);
                return;
            }

            caller = key;
        }

        var (output, failure) = operation switch
        {
            "GetId" => GetId(input),
            "GetOpenIdToken" => GetOpenIdToken(input),
            "GetOpenIdTokenForDeveloperIdentity" => GetOpenIdTokenForDeveloperIdentity(input, caller!),
            _ => (null, new AwsError(400, "UnknownOperationException", string.Empty)),
        };
        if (failure is not null)
        {
            await CognitoErrorAsync(context, failure);
            return;
        }

        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(output!.ToJsonString());
    }

    private (JsonObject?, AwsError?) GetId(JsonObject input)
    {
        var poolId = input["IdentityPoolId"]?.GetValue<string>();
        if (input[nameof(Logins)] is JsonObject { Count: > 0 })
        {
            return (null, new AwsError(400, "InvalidParameterException", "The stand-in only supports guest GetId (no Logins)."));
        }

        lock (gate)
        {
            if (poolId is null || !pools.TryGetValue(poolId, out var pool))
            {
                return (null, new AwsError(404, "ResourceNotFoundException", $"IdentityPool '{poolId}' not found."));
            }

            if (!pool.AllowGuests)
            {
                return (null, new AwsError(403, "NotAuthorizedException", "Unauthenticated access is not supported for this identity pool."));
            }

            var identity = new StandInIdentity($"{poolId.Split(':')[0]}:{Guid.NewGuid()}", poolId, false, null);
            identities[identity.IdentityId] = identity;
            return (new JsonObject { ["IdentityId"] = identity.IdentityId }, null);
        }
    }

    private (JsonObject?, AwsError?) GetOpenIdToken(JsonObject input)
    {
        var identityId = input["IdentityId"]?.GetValue<string>();
        StandInIdentity? identity;
        StandInPool? pool;
        lock (gate)
        {
            identity = identityId is null ? null : identities.GetValueOrDefault(identityId);
            pool = identity is null ? null : pools.GetValueOrDefault(identity.PoolId);
        }

        if (identity is null || pool is null)
        {
            return (null, new AwsError(404, "ResourceNotFoundException", $"Identity '{identityId}' not found."));
        }

        if (!identity.Authenticated && !pool.AllowGuests)
        {
            return (null, new AwsError(403, "NotAuthorizedException", "Unauthenticated access is not supported for this identity pool."));
        }

        return (new JsonObject { ["IdentityId"] = identity.IdentityId, ["Token"] = MintToken(identity, null, GuestTokenLifetime) }, null);
    }

    private (JsonObject?, AwsError?) GetOpenIdTokenForDeveloperIdentity(JsonObject input, StandInKey caller)
    {
        var poolId = input["IdentityPoolId"]?.GetValue<string>();
        var logins = input[nameof(Logins)] as JsonObject;
        var seconds = input["TokenDuration"]?.GetValue<long>() ?? 900;
        if (logins is null || logins.Count == 0 || seconds is < 1 or > 86400)
        {
            return (null, new AwsError(400, "InvalidParameterException", "Logins is required and TokenDuration must be 1-86400."));
        }

        lock (gate)
        {
            if (poolId is null || !pools.TryGetValue(poolId, out var pool))
            {
                return (null, new AwsError(404, "ResourceNotFoundException", $"IdentityPool '{poolId}' not found."));
            }

            var (provider, login) = (logins.First().Key, logins.First().Value?.GetValue<string>());
            if (pool.DeveloperProviderName is null || provider != pool.DeveloperProviderName || string.IsNullOrEmpty(login) || login.Length > 1024)
            {
                return (null, new AwsError(403, "NotAuthorizedException", $"Invalid login token. '{provider}' is not the developer provider of this pool."));
            }

            if (caller.Kind == KeyKind.FederatedUser)
            {
                return (null, new AwsError(403, "NotAuthorizedException", $"{caller.PrincipalArn} is not authorized to perform: cognito-identity:GetOpenIdTokenForDeveloperIdentity"));
            }

            var identityId = $"{poolId.Split(':')[0]}:dev-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(poolId + login)))[..32]}";
            var identity = new StandInIdentity(identityId, poolId, true, $"{provider}:{login}");
            identities[identityId] = identity;
            return (new JsonObject { ["IdentityId"] = identityId, ["Token"] = MintToken(identity, provider, TimeSpan.FromSeconds(seconds)) }, null);
        }
    }

    private static Task CognitoErrorAsync(HttpContext context, AwsError error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["X-Amzn-ErrorType"] = $"{error.Code}:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.model/";
        return context.Response.WriteAsync(new JsonObject { ["__type"] = ErrorNamespace + error.Code, ["message"] = error.Message }.ToJsonString());
    }
}
