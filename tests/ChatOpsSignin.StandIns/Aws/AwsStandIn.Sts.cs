using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOpsSignin.StandIns.Aws;

/// <summary>STS over the query protocol: form-encoded POST, SigV4 (except AssumeRoleWithWebIdentity), XML answers.</summary>
public sealed partial class AwsStandIn
{
    private const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private async Task StsAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request);
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var action = form.GetValueOrDefault("Action") ?? string.Empty;
        var fault = Count(action);
        if (fault is { Hang: true })
        {
            await HangAsync(context);
            return;
        }

        if (fault is not null)
        {
            await StsErrorAsync(context, new AwsError(fault.Status, fault.Code, fault.Message ?? $"{fault.Code} (injected)"));
            return;
        }

        if (context.Request.Method != HttpMethods.Post || form.GetValueOrDefault("Version") != "2011-06-15")
        {
            await StsErrorAsync(context, new AwsError(400, "InvalidAction", $"Could not find operation {action} for version {form.GetValueOrDefault("Version")}"));
            return;
        }

        StandInKey? caller = null;
        var unsignedAllowed = action == "AssumeRoleWithWebIdentity" && string.IsNullOrEmpty(context.Request.Headers.Authorization);
        if (!unsignedAllowed)
        {
            var (key, error) = SigV4Verifier.Verify(context.Request, body, "sts", FindKey, time.GetUtcNow(), SigV4ErrorCodes.Query);
            if (error is not null)
            {
                await StsErrorAsync(context, error);
                return;
            }

            caller = key;
        }

        var (xml, failure) = action switch
        {
            "AssumeRole" => AssumeRole(form, caller!),
            "GetFederationToken" => GetFederationToken(form, caller!),
            "AssumeRoleWithWebIdentity" => AssumeRoleWithWebIdentity(form),
            "GetCallerIdentity" => (CallerIdentityXml(caller!), null),
            _ => (null, new AwsError(400, "InvalidAction", $"Could not find operation {action} for version 2011-06-15")),
        };
        if (failure is not null)
        {
            await StsErrorAsync(context, failure);
            return;
        }

        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(
            $"<{action}Response xmlns=\"{StsNamespace}\"><{action}Result>{xml}</{action}Result>"
            + $"<ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></{action}Response>");
    }

    private (string?, AwsError?) AssumeRole(Dictionary<string, string> form, StandInKey caller)
    {
        var errors = new List<string>();
        var roleArn = StsRules.Required(errors, form, "RoleArn", "roleArn", 20, 2048, null);
        var sessionName = StsRules.Required(errors, form, "RoleSessionName", "roleSessionName", 2, 64, StsRules.NamePattern);
        var sourceIdentity = StsRules.Optional(errors, form, "SourceIdentity", "sourceIdentity", 2, 64, StsRules.NamePattern);
        var externalId = StsRules.Optional(errors, form, "ExternalId", "externalId", 2, 1224, StsRules.ExternalIdPattern);
        var duration = StsRules.Duration(errors, form, 900, 43200, 3600);
        var tags = StsRules.Tags(errors, form);
        var (policy, policyArns) = StsRules.Policies(errors, form);
        if (StsRules.ValidationError(errors) is { } invalid)
        {
            return (null, invalid);
        }

        if (StsRules.PolicyProblem(policy, tags) is { } policyProblem)
        {
            return (null, policyProblem);
        }

        StandInRole? role;
        lock (gate)
        {
            role = roles.GetValueOrDefault(roleArn!);
        }

        if (caller.Kind == KeyKind.FederatedUser || role is null || (role.ExternalId is not null && role.ExternalId != externalId))
        {
            return (null, new AwsError(403, "AccessDenied", $"User: {caller.PrincipalArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}"));
        }

        if (sourceIdentity is not null && caller.SourceIdentity is not null && sourceIdentity != caller.SourceIdentity)
        {
            return (null, new AwsError(400, "ValidationError", "SourceIdentity cannot be changed once set in a role session."));
        }

        var chained = caller.Kind != KeyKind.IamUser;
        if (chained && duration > TimeSpan.FromHours(1))
        {
            return (null, new AwsError(400, "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."));
        }

        if (duration > role.MaxSession)
        {
            return (null, new AwsError(400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));
        }

        var roleName = roleArn![(roleArn!.LastIndexOf('/') + 1)..];
        var key = Issue("AssumeRole", KeyKind.AssumedRole, $"arn:aws:sts::{AccountId}:assumed-role/{roleName}/{sessionName}", chained,
            roleArn, sessionName!, sourceIdentity ?? caller.SourceIdentity, tags, duration, policy, policyArns);
        return ($"{SourceIdentityXml(key)}<AssumedRoleUser><Arn>{Xml(key.PrincipalArn)}</Arn><AssumedRoleId>AROA{AccountId}:{Xml(sessionName!)}</AssumedRoleId></AssumedRoleUser>"
            + $"{CredentialsXml(key)}<PackedPolicySize>{StsRules.PackedPercent(policy, tags)}</PackedPolicySize>", null);
    }

    private (string?, AwsError?) GetFederationToken(Dictionary<string, string> form, StandInKey caller)
    {
        var errors = new List<string>();
        var name = StsRules.Required(errors, form, "Name", "name", 2, 32, StsRules.NamePattern);
        var duration = StsRules.Duration(errors, form, 900, 129600, 43200);
        var tags = StsRules.Tags(errors, form);
        var (policy, policyArns) = StsRules.Policies(errors, form);
        if (StsRules.ValidationError(errors) is { } invalid)
        {
            return (null, invalid);
        }

        if (caller.Kind != KeyKind.IamUser)
        {
            return (null, new AwsError(403, "AccessDenied", "Cannot call GetFederationToken with session credentials"));
        }

        if (StsRules.PolicyProblem(policy, tags) is { } policyProblem)
        {
            return (null, policyProblem);
        }

        var key = Issue("GetFederationToken", KeyKind.FederatedUser, $"arn:aws:sts::{AccountId}:federated-user/{name}", false,
            null, name!, null, tags, duration, policy, policyArns);
        return ($"{CredentialsXml(key)}<FederatedUser><Arn>{Xml(key.PrincipalArn)}</Arn><FederatedUserId>{AccountId}:{Xml(name!)}</FederatedUserId></FederatedUser>"
            + $"<PackedPolicySize>{StsRules.PackedPercent(policy, tags)}</PackedPolicySize>", null);
    }

    private static string CallerIdentityXml(StandInKey caller) =>
        $"<Arn>{Xml(caller.PrincipalArn)}</Arn><UserId>{(caller.Kind == KeyKind.IamUser ? "AIDA" + AccountId : caller.SessionName)}</UserId><Account>{AccountId}</Account>";

    private StandInKey Issue(
        string action, KeyKind kind, string principalArn, bool chained, string? roleArn, string sessionName, string? sourceIdentity,
        IReadOnlyDictionary<string, string> tags, TimeSpan duration, string? policy, IReadOnlyList<string> policyArns)
    {
        var key = new StandInKey(NewAccessKeyId("ASIA"), NewSecret(), NewSecret() + NewSecret() + NewSecret(), principalArn, kind, chained,
            roleArn, sessionName, sourceIdentity, tags, time.GetUtcNow() + duration);
        lock (gate)
        {
            keys[key.AccessKeyId] = key;
            keyIssuedAt[key.AccessKeyId] = time.GetUtcNow();
            sessions.Add(new IssuedSession(action, key.AccessKeyId, principalArn, roleArn, sessionName, sourceIdentity, tags, duration, chained, policy, policyArns));
        }

        return key;
    }

    private static string CredentialsXml(StandInKey key) =>
        $"<Credentials><AccessKeyId>{key.AccessKeyId}</AccessKeyId><SecretAccessKey>{Xml(key.Secret)}</SecretAccessKey>"
        + $"<SessionToken>{Xml(key.SessionToken!)}</SessionToken><Expiration>{key.Expires!.Value.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}</Expiration></Credentials>";

    private static string SourceIdentityXml(StandInKey key) =>
        key.SourceIdentity is null ? string.Empty : $"<SourceIdentity>{Xml(key.SourceIdentity)}</SourceIdentity>";

    private static Task StsErrorAsync(HttpContext context, AwsError error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "text/xml";
        var type = error.Status >= 500 ? "Receiver" : "Sender";
        return context.Response.WriteAsync(
            $"<ErrorResponse xmlns=\"{StsNamespace}\"><Error><Type>{type}</Type><Code>{Xml(error.Code)}</Code><Message>{Xml(error.Message)}</Message></Error>"
            + $"<RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>");
    }

    private static string Xml(string value) => SecurityElement.Escape(value);

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
