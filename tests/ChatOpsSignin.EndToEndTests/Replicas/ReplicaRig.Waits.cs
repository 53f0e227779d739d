using System.Diagnostics;
using System.Net;
using ChatOpsSignin.EndToEndTests.Hosting;
using ChatOpsSignin.StandIns.Slack;

namespace ChatOpsSignin.EndToEndTests.Replicas;

/// <summary>What the tests look at (chat as the stand-in saw it, readiness) and the bounded waits on it.</summary>
internal sealed partial class ReplicaRig
{
    public static async Task<HttpStatusCode> ReadinessAsync(BotProcess bot)
    {
        using var client = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync("healthz/ready");
        return response.StatusCode;
    }

    /// <summary>Messages in the requester's DM that carry (or carried) a sign-in link.</summary>
    public IReadOnlyList<SlackPostedMessage> LinkMessages() =>
        Slack.MessagesIn(SlackStandIn.DirectMessageChannel(Requester))
            .Where(m => m.BlocksJson.Contains("SigninToken=", StringComparison.Ordinal) || m.History.Any(h => h.Blocks?.Contains("SigninToken=", StringComparison.Ordinal) == true))
            .ToList();

    public IReadOnlyList<SlackPostedMessage> Prompts() => Slack.MessagesIn(ApprovalChannel);

    /// <summary>Polls (the AWS stand-in and the bots have no signal) until <paramref name="done"/> holds, within <see cref="Wait"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > Wait)
            {
                throw new TimeoutException($"Waited {Wait} for {what}.\nReplica A:\n{A.Output}\nReplica B:\n{B.Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Polls <paramref name="bot"/>'s readiness until it answers <paramref name="expected"/>, within <see cref="Wait"/>.</summary>
    public static async Task WaitForReadinessAsync(BotProcess bot, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        while (await ReadinessAsync(bot) != expected)
        {
            if (clock.Elapsed > Wait)
            {
                throw new TimeoutException($"Waited {Wait} for /healthz/ready to answer {expected}.\n{bot.Output}");
            }

            await Task.Delay(100);
        }
    }
}
