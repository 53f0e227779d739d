using System.Diagnostics;
using ChatOpsSignin.Core.Requests;
using ChatOpsSignin.Core.Work;

namespace ChatOpsSignin.Core.Telemetry;

/// <summary>
/// One trace per request: a span where the edge submits it (a child of the inbound HTTP span, when there is one), whose
/// W3C <c>traceparent</c> is stored in the work item, and one child span per step, on whichever replica runs it.
/// Tags are the request id, profile, platform and step; never a user key, handle, token or URL.
/// </summary>
public static class SigninTracing
{
    public const string SourceName = "ChatOpsSignin";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartSubmit(SigninRequest request, string profileLabel) =>
        Source.StartActivity("signin.submit", ActivityKind.Internal)
            ?.SetTag("signin.request_id", request.Id.Value)
            .SetTag("signin.profile", profileLabel)
            .SetTag("signin.platform", request.Platform.ToString());

    /// <summary>The context to store in the work item: the submit span, else the inbound one; null without tracing.</summary>
    public static string? TraceParentOf(Activity? submit) =>
        (submit ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    public static Activity? StartStep(WorkItem item, string profileLabel)
    {
        ActivityContext.TryParse(item.State.TraceParent, null, isRemote: true, out var parent);
        return Source.StartActivity($"signin.step {item.Step}", ActivityKind.Internal, parent)
            ?.SetTag("signin.request_id", item.Id.Value)
            .SetTag("signin.profile", profileLabel)
            .SetTag("signin.platform", item.Request.Platform.ToString())
            .SetTag("signin.step", item.Step.ToString())
            .SetTag("signin.attempt", item.Attempt);
    }
}
