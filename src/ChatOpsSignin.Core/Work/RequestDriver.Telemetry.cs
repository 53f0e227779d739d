using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Telemetry;

namespace ChatOpsSignin.Core.Work;

public sealed partial class RequestDriver
{
    /// <summary>The one Information line and the one count per request outcome.</summary>
    private void Finished(SigninRequest request, string outcome, string? code)
    {
        Log.Outcome(logger, request.Id.Value, request.Profile, request.Platform.ToString(), outcome, code);
        telemetry.Outcome(ProfileLabel(request), request.Platform.ToString(), outcome, code);
    }

    private void LeaseLost(WorkItem item)
    {
        Log.LeaseLost(logger, item.Id.Value, item.Step);
        telemetry.LeaseLost(item.Step.ToString());
    }

    /// <summary>The profile as a metric label: a configured name, never whatever a user typed.</summary>
    private string ProfileLabel(SigninRequest request) =>
        catalog.Find(request.Profile)?.Name ?? SigninTelemetry.UnknownProfile;
}
