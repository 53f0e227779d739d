using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Core.Telemetry;

/// <summary>
/// The <c>RequestId</c> logging scope, opened by the edges around a submit and by the driver around each step, so
/// every line of a request carries its id (JSON console logs show scopes; see README, Logging).
/// </summary>
public static class RequestLogScope
{
    private static readonly Func<ILogger, string, IDisposable?> Scope = LoggerMessage.DefineScope<string>("RequestId:{RequestId}");

    public static IDisposable? Begin(ILogger logger, RequestId id) => Scope(logger, id.Value);
}
