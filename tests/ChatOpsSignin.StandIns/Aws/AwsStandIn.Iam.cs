using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOpsSignin.StandIns.Aws;

/// <summary>
/// IAM's inline role policies over the Query protocol (Version 2010-05-08, SigV4 service <c>iam</c>, XML answers):
/// PutRolePolicy, GetRolePolicy, DeleteRolePolicy, with AWS's checks (role exists, policy name <c>[\w+=,.@-]{1,128}</c>,
/// a JSON policy document, and the 10,240-character limit on all of a role's inline policies, whitespace not counted:
/// LimitExceeded). Enforcement: a role session matched by a Deny on <c>aws:userid</c> / <c>aws:SourceIdentity</c> with
/// <c>aws:TokenIssueTime</c> before (DateLessThan) or up to (DateLessThanEquals) the condition's date can no longer get a
/// console sign-in token, and a sign-in token it got earlier no longer logs in (the console refuses a denied session).
/// </summary>
public sealed partial class AwsStandIn
{
    public const int InlinePolicyLimit = 10_240;
    private const string IamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";
    private readonly Dictionary<string, DateTimeOffset> keyIssuedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> rolePolicies = new(StringComparer.Ordinal);
    private int lostWrites;

    public Uri IamUrl { get; private set; } = null!;

    /// <summary>
    /// The next <paramref name="count"/> PutRolePolicy calls answer 200 but another writer's document wins right after
    /// (IAM has no conditional write): the lost update a read-back must catch.
    /// </summary>
    public void LoseNextRolePolicyWrites(int count)
    {
        lock (gate)
        {
            lostWrites = count;
        }
    }

    /// <summary>The inline policies of a role, by name.</summary>
    public IReadOnlyDictionary<string, string> RolePolicies(string roleName)
    {
        lock (gate)
        {
            return rolePolicies.TryGetValue(roleName, out var found) ? new Dictionary<string, string>(found) : new Dictionary<string, string>();
        }
    }

    private async Task IamAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request);
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var action = form.GetValueOrDefault("Action") ?? string.Empty;
        if (Count(action) is { } fault)
        {
            if (fault.Hang)
            {
                await HangAsync(context);
                return;
            }

            await IamErrorAsync(context, new AwsError(fault.Status, fault.Code, fault.Message ?? "stand-in fault"));
            return;
        }

        if (context.Request.Method != HttpMethods.Post || form.GetValueOrDefault("Version") != "2010-05-08")
        {
            await IamErrorAsync(context, new AwsError(400, "InvalidAction", $"Could not find operation {action} for version {form.GetValueOrDefault("Version")}"));
            return;
        }

        var (_, error) = SigV4Verifier.Verify(context.Request, body, "iam", FindKey, time.GetUtcNow(), SigV4ErrorCodes.Query);
        var roleName = form.GetValueOrDefault("RoleName") ?? string.Empty;
        var policyName = form.GetValueOrDefault("PolicyName") ?? string.Empty;
        error ??= !RoleExists(roleName) ? new AwsError(404, "NoSuchEntity", $"The role with name {roleName} cannot be found.")
            : !PolicyNamePattern().IsMatch(policyName) ? new AwsError(400, "ValidationError", "1 validation error detected: Value at 'policyName' failed to satisfy constraint")
            : null;
        var (result, failure) = error is not null ? (null, error) : action switch
        {
            "PutRolePolicy" => PutRolePolicy(roleName, policyName, form.GetValueOrDefault("PolicyDocument") ?? string.Empty),
            "GetRolePolicy" => GetRolePolicy(roleName, policyName),
            "DeleteRolePolicy" => DeleteRolePolicy(roleName, policyName),
            _ => (null, new AwsError(400, "InvalidAction", $"Could not find operation {action} for version 2010-05-08")),
        };
        if (failure is not null)
        {
            await IamErrorAsync(context, failure);
            return;
        }

        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(
            $"<{action}Response xmlns=\"{IamNamespace}\">{(result is null ? string.Empty : $"<{action}Result>{result}</{action}Result>")}"
            + $"<ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></{action}Response>");
    }

    private (string?, AwsError?) PutRolePolicy(string roleName, string policyName, string document)
    {
        try
        {
            using var parsed = JsonDocument.Parse(document);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object || !parsed.RootElement.TryGetProperty("Statement", out _))
            {
                return (null, new AwsError(400, "MalformedPolicyDocument", "Syntax errors in policy."));
            }
        }
        catch (JsonException)
        {
            return (null, new AwsError(400, "MalformedPolicyDocument", "Syntax errors in policy."));
        }

        lock (gate)
        {
            var policies = rolePolicies.TryGetValue(roleName, out var found) ? found : rolePolicies[roleName] = new(StringComparer.Ordinal);
            var size = policies.Where(p => p.Key != policyName).Sum(p => NonWhitespace(p.Value)) + NonWhitespace(document);
            if (size > InlinePolicyLimit)
            {
                return (null, new AwsError(409, "LimitExceeded", $"Maximum policy size of {InlinePolicyLimit} bytes exceeded for role {roleName}"));
            }

            if (lostWrites > 0)
            {
                lostWrites--;
                return (null, null);
            }

            policies[policyName] = document;
        }

        return (null, null);
    }

    private (string?, AwsError?) GetRolePolicy(string roleName, string policyName)
    {
        lock (gate)
        {
            return rolePolicies.TryGetValue(roleName, out var found) && found.TryGetValue(policyName, out var document)
                ? ($"<RoleName>{Xml(roleName)}</RoleName><PolicyName>{Xml(policyName)}</PolicyName><PolicyDocument>{Xml(Uri.EscapeDataString(document))}</PolicyDocument>", null)
                : (null, new AwsError(404, "NoSuchEntity", $"The role policy with name {policyName} cannot be found."));
        }
    }

    private (string?, AwsError?) DeleteRolePolicy(string roleName, string policyName)
    {
        lock (gate)
        {
            return rolePolicies.TryGetValue(roleName, out var found) && found.Remove(policyName)
                ? (null, null)
                : (null, new AwsError(404, "NoSuchEntity", $"The role policy with name {policyName} cannot be found."));
        }
    }

    /// <summary>A Deny statement of the session's role that names it (aws:userid / aws:SourceIdentity) and its issue time.</summary>
    private bool IsDeniedByRolePolicy(StandInKey key)
    {
        if (key.RoleArn is not { } roleArn)
        {
            return false;
        }

        List<string> documents;
        DateTimeOffset issued;
        lock (gate)
        {
            documents = rolePolicies.TryGetValue(roleArn.Split('/')[^1], out var found) ? [.. found.Values] : [];
            issued = keyIssuedAt.GetValueOrDefault(key.AccessKeyId, DateTimeOffset.MinValue);
        }

        return documents.Any(d => DeniesSession(d, key, issued));
    }

    private static bool DeniesSession(string document, StandInKey key, DateTimeOffset issued)
    {
        using var parsed = JsonDocument.Parse(document);
        var statements = parsed.RootElement.GetProperty("Statement");
        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements])
        {
            if (statement.GetProperty("Effect").GetString() != "Deny" || !statement.TryGetProperty("Condition", out var condition))
            {
                continue;
            }

            var matchesSession = Values(condition, "StringLike", "aws:userid").Any(v => v == "*:" + key.SessionName)
                || Values(condition, "StringEquals", "aws:SourceIdentity").Any(v => v == key.SourceIdentity);
            var before = Values(condition, "DateLessThan", "aws:TokenIssueTime").Any(v => Date(v) is { } at && issued < at)
                || Values(condition, "DateLessThanEquals", "aws:TokenIssueTime").Any(v => Date(v) is { } at && issued <= at);
            if (matchesSession && before)
            {
                return true;
            }
        }

        return false;
    }

    private static DateTimeOffset? Date(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static IEnumerable<string?> Values(JsonElement condition, string op, string key) =>
        condition.TryGetProperty(op, out var block) && block.TryGetProperty(key, out var value)
            ? value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()) : [value.GetString()]
            : [];

    private bool RoleExists(string roleName)
    {
        lock (gate)
        {
            return roles.Keys.Any(arn => arn.EndsWith(":role/" + roleName, StringComparison.Ordinal) || arn.EndsWith("/" + roleName, StringComparison.Ordinal));
        }
    }

    private static int NonWhitespace(string text) => text.Count(c => !char.IsWhiteSpace(c));

    private static Task IamErrorAsync(HttpContext context, AwsError error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "text/xml";
        return context.Response.WriteAsync(
            $"<ErrorResponse xmlns=\"{IamNamespace}\"><Error><Type>Sender</Type><Code>{Xml(error.Code)}</Code><Message>{Xml(error.Message)}</Message></Error>"
            + $"<RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>");
    }

    [GeneratedRegex(@"^[\w+=,.@-]{1,128}$")]
    private static partial Regex PolicyNamePattern();
}
