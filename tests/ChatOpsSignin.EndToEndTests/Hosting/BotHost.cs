using Amazon.Runtime;
using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Work;
using ChatOpsSignin.StandIns.Aws;
using ChatOpsSignin.StandIns.Network;
using Microsoft.Extensions.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsSignin.EndToEndTests.Hosting;

/// <summary>
/// The real bot (Program.cs) on real Kestrel over loopback, wired to the AWS stand-in with long-term broker keys,
/// a fresh SQLite file, and whatever chat settings a test adds.
/// </summary>
internal sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateTempSubdirectory("chatops-e2e-").FullName;
    private readonly Dictionary<string, string?> settings;
    private readonly TimeProvider time;
    private readonly AwsStandIn aws;
    private readonly LoopbackOnly outbound = new();
    private readonly string? configFile;

    /// <param name="databasePath">A SQLite file to share with an earlier bot (a restart); default: a fresh one.</param>
    /// <param name="configFile">A JSON file the bot also reads and watches (reload without restart), as an operator's file would be.</param>
    public BotHost(AwsStandIn aws, TimeProvider time, IReadOnlyDictionary<string, string?> settings, int port = 0, string? databasePath = null, string? configFile = null)
    {
        this.configFile = configFile;
        this.aws = aws;
        this.time = time;
        this.settings = new Dictionary<string, string?>(settings)
        {
            ["Aws:Region"] = "us-east-1",
            ["Aws:StsServiceUrl"] = aws.StsUrl.AbsoluteUri,
            ["Aws:CognitoServiceUrl"] = aws.CognitoUrl.AbsoluteUri,
            ["Aws:FederationUrl"] = aws.FederationUrl.AbsoluteUri,
            ["Aws:IamServiceUrl"] = aws.IamUrl.AbsoluteUri,
            ["Aws:Issuer"] = "https://chatops.example.com/",
            ["Storage:SqlitePath"] = databasePath ?? Path.Combine(folder, "bot.db"),
        };
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    public string DatabasePath => settings["Storage:SqlitePath"]!;

    /// <summary>
    /// Waits (in real time) until the bot has recorded an event: advancing a fake clock before the bot has finished
    /// its HTTP calls would fire their timeouts.
    /// </summary>
    public Task<AuditEvent> WaitForAuditAsync(AuditEventType type, TimeSpan timeout) => WaitForAuditAsync(type, null, timeout);

    /// <summary>As <see cref="WaitForAuditAsync(AuditEventType, TimeSpan)"/>, for one request's event.</summary>
    public async Task<AuditEvent> WaitForAuditAsync(AuditEventType type, string? requestId, TimeSpan timeout)
    {
        var audit = Services.GetRequiredService<IAuditLog>();
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = (await audit.QueryAsync(new AuditQuery(), deadline.Token))
                .FirstOrDefault(e => e.Type == type && (requestId is null || e.RequestId.Value == requestId));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    /// <summary>
    /// Waits (real time) until <paramref name="count"/> delivered links have finished their Issue step (their work items
    /// wait to remove the link): moving the fake clock mid-step would expire the step's lease and run it again.
    /// </summary>
    public async Task WaitForIssuedAsync(int count, TimeSpan timeout)
    {
        var audit = Services.GetRequiredService<IAuditLog>();
        var work = Services.GetRequiredService<IWorkStore>();
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var delivered = (await audit.QueryAsync(new AuditQuery(), deadline.Token)).Where(e => e.Type == AuditEventType.LinkDelivered).Select(e => e.RequestId).Distinct();
            var waiting = 0;
            foreach (var id in delivered)
            {
                waiting += (await work.GetAsync(id, deadline.Token))?.Step == WorkStep.RemoveLink ? 1 : 0;
            }

            if (waiting >= count)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (configFile is not null)
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddJsonFile(configFile, optional: false, reloadOnChange: true));
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(time);
            services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(aws.BrokerAccessKeyId, aws.BrokerSecretAccessKey));
            services.AddSingleton<IHttpMessageHandlerBuilderFilter>(outbound);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        outbound.AssertNoneAttempted();
    }
}
