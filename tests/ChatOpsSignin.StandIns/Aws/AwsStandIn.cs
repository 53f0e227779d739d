using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsSignin.StandIns.Aws;

/// <summary>
/// Loopback stand-in for AWS STS (query protocol, SigV4), Amazon Cognito Identity (awsJson1_1) and the console
/// federation endpoint (getSigninToken + login), each on its own Kestrel port on 127.0.0.1. It behaves like AWS where the
/// broker depends on it: signatures are recomputed, parameters checked, role chaining and federation rules enforced,
/// errors shaped as AWS shapes them. Time (X-Amz-Date skew, token lifetimes, the 15-minute sign-in window) comes from the
/// injected <see cref="TimeProvider"/>: give it the broker's clock, since the broker signs every AWS call with its own.
/// </summary>
public sealed partial class AwsStandIn : IAsyncDisposable
{
    public const string AccountId = "111122223333";
    public const string BrokerUserArn = "arn:aws:iam::111122223333:user/chatops-broker";
    public const string CognitoIssuer = "https://cognito-identity.amazonaws.com";

    private readonly Lock gate = new();
    private readonly WebApplication app;
    private readonly TimeProvider time;
    private readonly Dictionary<string, StandInKey> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StandInRole> roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StandInPool> pools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StandInIdentity> identities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StandInSigninToken> signinTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<StandInFault>> faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly List<ConsoleLogin> logins = [];
    private readonly List<IssuedSession> sessions = [];
    private readonly List<SigninTokenRequest> tokenRequests = [];
    private readonly RsaSecurityKey tokenKey = new(RSA.Create(2048)) { KeyId = "cognito-standin-1" };
    private readonly ListenOptions[] listeners = new ListenOptions[4];

    private AwsStandIn(TimeProvider time)
    {
        this.time = time;
        BrokerAccessKeyId = NewAccessKeyId("AKIA");
        BrokerSecretAccessKey = NewSecret();
        keys[BrokerAccessKeyId] = new StandInKey(BrokerAccessKeyId, BrokerSecretAccessKey, null, BrokerUserArn, KeyKind.IamUser,
            false, null, "chatops-broker", null, new Dictionary<string, string>(), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (var i = 0; i < listeners.Length; i++)
            {
                var index = i;
                kestrel.Listen(IPAddress.Loopback, 0, listen => listeners[index] = listen);
            }
        });
        app = builder.Build();
        app.Run(DispatchAsync);
    }

    public Uri StsUrl { get; private set; } = null!;

    public Uri CognitoUrl { get; private set; } = null!;

    public Uri FederationUrl { get; private set; } = null!;

    /// <summary>Long-term IAM user keys of <see cref="BrokerUserArn"/>.</summary>
    public string BrokerAccessKeyId { get; }

    public string BrokerSecretAccessKey { get; }

    public IReadOnlyList<ConsoleLogin> Logins { get { lock (gate) { return [.. logins]; } } }

    public IReadOnlyList<IssuedSession> Sessions { get { lock (gate) { return [.. sessions]; } } }

    public IReadOnlyList<SigninTokenRequest> SigninTokenRequests { get { lock (gate) { return [.. tokenRequests]; } } }

    /// <summary>The console sign-out endpoint (<c>/oauth?Action=logout&amp;redirect_uri=…</c>) on the federation listener.</summary>
    public Uri LogoutUrl => new(FederationUrl, "/oauth");

    public static async Task<AwsStandIn> StartAsync(TimeProvider? time = null)
    {
        var standIn = new AwsStandIn(time ?? TimeProvider.System);
        await standIn.app.StartAsync();
        standIn.StsUrl = new Uri($"http://127.0.0.1:{standIn.listeners[0].IPEndPoint!.Port}/");
        standIn.CognitoUrl = new Uri($"http://127.0.0.1:{standIn.listeners[1].IPEndPoint!.Port}/");
        standIn.FederationUrl = new Uri($"http://127.0.0.1:{standIn.listeners[2].IPEndPoint!.Port}/federation");
        standIn.IamUrl = new Uri($"http://127.0.0.1:{standIn.listeners[3].IPEndPoint!.Port}/");
        return standIn;
    }

    /// <summary>Temporary broker credentials (an assumed role such as an ECS task role): AssumeRole with them is role chaining.</summary>
    public StandInSessionKeys AddTemporaryBrokerKeys(string roleName = "chatops-broker-task", TimeSpan? lifetime = null)
    {
        var key = new StandInKey(NewAccessKeyId("ASIA"), NewSecret(), NewSecret() + NewSecret(),
            $"arn:aws:sts::{AccountId}:assumed-role/{roleName}/task", KeyKind.AssumedRole, false,
            $"arn:aws:iam::{AccountId}:role/{roleName}", "task", null, new Dictionary<string, string>(),
            time.GetUtcNow() + (lifetime ?? TimeSpan.FromHours(6)));
        lock (gate)
        {
            keys[key.AccessKeyId] = key;
        }

        return new StandInSessionKeys(key.AccessKeyId, key.Secret, key.SessionToken!, key.PrincipalArn);
    }

    /// <param name="externalId">When set, AssumeRole must send exactly this ExternalId (trust policy sts:ExternalId).</param>
    /// <param name="maxSession">The role's MaxSessionDuration (default 1 h).</param>
    /// <param name="trustedIdentityPool">When set, the role trusts cognito-identity.amazonaws.com with aud = this pool.</param>
    public void AddRole(string roleArn, string? externalId = null, TimeSpan? maxSession = null, string? trustedIdentityPool = null)
    {
        lock (gate)
        {
            roles[roleArn] = new StandInRole(roleArn, externalId, maxSession ?? TimeSpan.FromHours(1), trustedIdentityPool);
        }
    }

    /// <param name="developerProviderName">Enables developer-authenticated identities under this provider name.</param>
    /// <param name="allowGuests">Whether unauthenticated (guest) identities are enabled.</param>
    public void AddIdentityPool(string identityPoolId, string? developerProviderName = null, bool allowGuests = true)
    {
        lock (gate)
        {
            pools[identityPoolId] = new StandInPool(identityPoolId, developerProviderName, allowGuests);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>
    /// Latency added to every answer (a benchmark's stand-in for AWS round trips); zero by default. The request is
    /// handled when it arrives and its answer is held back for this long, as a network would. The bench runs this process
    /// on the load harness's core: handled after the wait, each call's work would land there just as the next command's
    /// ack does (at 20 commands/s and 2 × 50 ms, every time), and be measured as the bot's latency.
    /// </summary>
    public TimeSpan ResponseDelay { get; set; }

    private async Task DispatchAsync(HttpContext context)
    {
        if (ResponseDelay <= TimeSpan.Zero)
        {
            await HandleAsync(context);
            return;
        }

        var wire = context.Response.Body;
        using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await HandleAsync(context);
            await Task.Delay(ResponseDelay, time, context.RequestAborted);
        }
        finally
        {
            context.Response.Body = wire;
        }

        context.Response.ContentLength = held.Length;
        held.Position = 0;
        await held.CopyToAsync(wire, context.RequestAborted);
    }

    private Task HandleAsync(HttpContext context)
    {
        var port = context.Connection.LocalPort;
        return port == listeners[0].IPEndPoint!.Port ? StsAsync(context)
            : port == listeners[1].IPEndPoint!.Port ? CognitoAsync(context)
            : port == listeners[3].IPEndPoint!.Port ? IamAsync(context)
            : FederationAsync(context);
    }

    private StandInKey? FindKey(string accessKeyId)
    {
        lock (gate)
        {
            return keys.GetValueOrDefault(accessKeyId);
        }
    }

    private static string NewAccessKeyId(string prefix)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        return prefix + new string(RandomNumberGenerator.GetItems<char>(alphabet, 16));
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
}
