using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ChatOpsSignin.Slack.Inbound;

namespace ChatOpsSignin.Benchmarks;

/// <summary>The per-request cost of verifying a Slack signature (done before anything else, on every request).</summary>
[MemoryDiagnoser]
public class SlackSignatureBenchmarks
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private readonly SlackSignatureVerifier verifier = new(Secret, TimeProvider.System);
    private byte[] body = null!;
    private string timestamp = null!;
    private string signature = null!;

    [Params(512, 16_384)]
    public int BodyBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        body = Encoding.UTF8.GetBytes("text=prod-readonly&" + new string('x', BodyBytes));
        timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        signature = "v0=" + Convert.ToHexStringLower(SlackSignatureVerifier.Compute(Encoding.UTF8.GetBytes(Secret), timestamp, body));
    }

    [Benchmark]
    public object Verify() => verifier.Verify(timestamp, signature, body);
}
