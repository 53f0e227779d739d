using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsSignin.Core.Telemetry;
using ChatOpsSignin.StandIns.Slack;
using ChatOpsSignin.Tests.Slack;

namespace ChatOpsSignin.Tests.Hosting;

/// <summary>/metrics and the request trace through the real host, after real Slack requests issued through the AWS stand-in.</summary>
public sealed partial class MetricsTests : IAsyncLifetime
{
    private const string TypedProfile = "no-such-profile-typed-by-a-user";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private OpsHost host = null!;

    public async Task InitializeAsync() => host = await OpsHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Counters_Move_After_Requests_And_No_Label_Holds_A_User_Key_Or_What_A_User_Typed()
    {
        using var client = host.SignedClient();

        Assert.Equal(HttpStatusCode.OK, (await host.SlashCommandAsync(client, OpsHost.Profile + " INC-7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SlashCommandAsync(client, TypedProfile)).StatusCode);

        // Other hosts in this test run share the meter names, so wait for exactly these samples.
        Regex[] expected =
        [
            Sample("chatops_signin_requests_total", "code=\"none\"", "outcome=\"delivered\"", "platform=\"Slack\"", $"profile=\"{OpsHost.Profile}\""),
            Sample("chatops_signin_requests_total", "code=\"unknown_profile\"", "outcome=\"refused\"", "platform=\"Slack\"", "profile=\"(unknown)\""),
            .. new[] { "policy", "credentials", "link", "delivery" }.Select(stage =>
                Sample("chatops_signin_stage_duration_seconds_count", $"profile=\"{OpsHost.Profile}\"", "result=\"ok\"", $"stage=\"{stage}\"")),
        ];
        var metrics = await ScrapeUntilAsync(client, m => expected.All(e => e.IsMatch(m)));

        Assert.Contains("chatops_signin_work_backlog", metrics, StringComparison.Ordinal);
        foreach (var secret in new[] { SlackSamples.Requester, SlackStandIn.TeamId, "road.runner", TypedProfile, SlackStandIn.BotToken, "INC-7", "SigninToken" })
        {
            Assert.DoesNotContain(secret, metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Slack_Errors_Are_Counted_By_Method_Status_And_Code()
    {
        using var client = host.SignedClient();
        host.Slack.RateLimitNext(10, 0, "conversations.open");

        await host.SlashCommandAsync(client, OpsHost.Profile + " INC-8");

        var counted = Sample("chatops_signin_client_errors_total", "client=\"slack\"", "code=\"ratelimited\"", "operation=\"conversations.open\"", "status=\"429\"");
        var metrics = await ScrapeUntilAsync(client, counted.IsMatch);
        Assert.Matches(counted, metrics);
    }

    [Fact]
    public async Task One_Trace_Runs_From_The_Submit_Through_Every_Step()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SigninTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var client = host.SignedClient();

        using var ack = await host.SlashCommandAsync(client, OpsHost.Profile + " INC-9");
        var requestId = RequestIdPattern().Match(JsonDocument.Parse(await ack.Content.ReadAsStringAsync()).RootElement.GetProperty("text").GetString()!).Value;
        var mine = await UntilAsync(() =>
        {
            var found = spans.Where(s => (string?)s.GetTagItem("signin.request_id") == requestId).ToList();
            return found.Any(s => s.OperationName == "signin.step Issue") ? found : null;
        });

        var submit = Assert.Single(mine, s => s.OperationName == "signin.submit");
        var steps = mine.Where(s => s.OperationName.StartsWith("signin.step ", StringComparison.Ordinal)).ToList();
        Assert.Contains(steps, s => s.OperationName == "signin.step Evaluate");
        Assert.All(steps, s => Assert.Equal(submit.TraceId, s.TraceId));
        Assert.All(steps, s => Assert.Equal(submit.SpanId, s.ParentSpanId));
    }

    [Fact]
    public void The_Traceparent_Survives_The_Store_Serialisation()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var state = new global::ChatOpsSignin.Core.Work.WorkState { TraceParent = traceParent };

        var read = global::ChatOpsSignin.Core.Work.WorkItemJson.Read(global::ChatOpsSignin.Core.Work.WorkItemJson.Request(SlackSamples.Request()), global::ChatOpsSignin.Core.Work.WorkItemJson.State(state), global::ChatOpsSignin.Core.Work.WorkStep.Evaluate, DateTimeOffset.UnixEpoch, 0);

        Assert.Equal(traceParent, read.State.TraceParent);
    }

    private static Regex Sample(string name, params string[] labels) =>
        new($"{Regex.Escape(name)}\\{{[^}}]*{string.Join("[^}]*", labels.Select(Regex.Escape))}[^}}]*\\}} [1-9]");

    private static Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> done) => UntilAsync(async () =>
    {
        var text = await client.GetStringAsync("/metrics");
        return done(text) ? text : null;
    });

    private static Task<T> UntilAsync<T>(Func<T?> probe)
        where T : class => UntilAsync(() => Task.FromResult(probe()));

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var deadline = new CancellationTokenSource(Wait);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    [GeneratedRegex("req_[0-9a-f]+")]
    private static partial Regex RequestIdPattern();
}
