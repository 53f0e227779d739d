using System.Diagnostics.Metrics;

namespace ChatOpsSignin.Core.Telemetry;

/// <summary>
/// The request flow's metrics (Meter <see cref="MeterName"/>), exported by the host (Prometheus, OTLP). Labels are only a
/// configured profile name (unknown names become <see cref="UnknownProfile"/>), platform, outcome, reason code and step:
/// never a user key, handle, token or URL, and never anything a user can make up.
/// </summary>
public sealed class SigninTelemetry : IDisposable
{
    public const string MeterName = "ChatOpsSignin";
    public const string UnknownProfile = "(unknown)";

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly Counter<long> requests;
    private readonly Histogram<double> approvalWait;
    private readonly Histogram<double> stageDuration;
    private readonly Counter<long> leasesLost;
    private readonly Counter<long> stepFailures;
    private Func<int> backlog = () => 0;
    private long due;

    public SigninTelemetry(IMeterFactory? meters = null)
    {
        ownsMeter = meters is null;
        meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        requests = meter.CreateCounter<long>("chatops_signin.requests", "{request}", "Finished requests by profile, platform, outcome and reason code.");
        approvalWait = meter.CreateHistogram<double>("chatops_signin.approval.wait", "s", "From request to decision (approved, denied, expired, cancelled).");
        stageDuration = meter.CreateHistogram<double>("chatops_signin.stage.duration", "s", "Time of each stage: policy, credentials (STS/Cognito), link (federation), delivery.");
        leasesLost = meter.CreateCounter<long>("chatops_signin.work.leases_lost", "{lease}", "Steps dropped because another replica took the work item's lease.");
        stepFailures = meter.CreateCounter<long>("chatops_signin.work.step_failures", "{failure}", "Steps that threw (retried with backoff, or given up).");
        meter.CreateObservableGauge("chatops_signin.work.backlog", () => backlog(), "{request}", "Requests accepted or leased by this replica and not finished.");
        meter.CreateObservableGauge("chatops_signin.work.due", () => Interlocked.Read(ref due), "{request}", "Work items due in the store that nobody holds (last poll).");
    }

    /// <summary>The work pump's backlog, read when metrics are collected.</summary>
    public void ObserveBacklog(Func<int> read) => backlog = read;

    public void Due(long count) => Interlocked.Exchange(ref due, count);

    public void Outcome(string profile, string platform, string outcome, string? code) => requests.Add(
        1,
        new("profile", profile),
        new("platform", platform),
        new("outcome", outcome),
        new("code", code ?? "none"));

    public void ApprovalWait(string profile, string outcome, TimeSpan wait) =>
        approvalWait.Record(Math.Max(0, wait.TotalSeconds), new("profile", profile), new("outcome", outcome));

    /// <param name="stage"><c>policy</c>, <c>credentials</c>, <c>link</c> or <c>delivery</c>.</param>
    public void Stage(string stage, string profile, bool succeeded, TimeSpan elapsed) => stageDuration.Record(
        elapsed.TotalSeconds, new("stage", stage), new("profile", profile), new("result", succeeded ? "ok" : "failed"));

    public void LeaseLost(string step) => leasesLost.Add(1, new KeyValuePair<string, object?>("step", step));

    public void StepFailed(string step, bool gaveUp) => stepFailures.Add(1, new("step", step), new("gave_up", gaveUp));

    public void Dispose()
    {
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }
}
