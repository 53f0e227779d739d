using BenchmarkDotNet.Attributes;
using ChatOpsSignin.Core.Credentials;
using ChatOpsSignin.Core.Identity;
using ChatOpsSignin.Core.Policy;

namespace ChatOpsSignin.Benchmarks;

/// <summary>The per-request CPU work of the core: allow-list lookup and session-name mapping.</summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    private readonly ChatUser user = new(ChatUserId.Slack("T0123", "U0456"), "José Müller 🚀");
    private UserSet allowList = null!;

    [Params(10, 10_000)]
    public int AllowListSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var groups = new Dictionary<string, List<string>>
        {
            ["sre"] = Enumerable.Range(0, AllowListSize).Select(i => $"slack:T0123/U{i:D6}").ToList(),
        };
        allowList = new UserSet(["group:sre", "slack:T0123/U0456"], groups);
    }

    [Benchmark]
    public bool AllowListContains() => allowList.Contains(user.Id);

    [Benchmark]
    public SessionIdentity SessionNamesFor() => SessionNames.For(user);
}
