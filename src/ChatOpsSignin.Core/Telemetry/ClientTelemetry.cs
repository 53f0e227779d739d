using System.Diagnostics.Metrics;

namespace ChatOpsSignin.Core.Telemetry;

/// <summary>
/// Failed calls of the typed clients (AWS, Slack, Teams), by client, operation, HTTP status and the service's own error
/// code (Slack <c>error</c>, Bot Connector <c>error.code</c>, AWS <c>Code</c>); a 429 shows as status 429. Static, because
/// the AWS call helpers are; the labels are service vocabulary only, never a URL, id or user key.
/// </summary>
public static class ClientTelemetry
{
    public const string MeterName = "ChatOpsSignin.Clients";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "chatops_signin.client.errors", "{error}", "Failed calls to AWS, Slack and Teams by client, operation, HTTP status and error code.");

    /// <param name="client"><c>aws</c>, <c>slack</c> or <c>teams</c>.</param>
    /// <param name="operation">The API method (<c>chat.postMessage</c>, <c>sts</c>, <c>federation</c>, <c>send</c>…).</param>
    /// <param name="status">HTTP status, 0 when there was no answer (timeout, unreachable).</param>
    public static void Failed(string client, string operation, int status, string? code) => Errors.Add(
        1,
        new("client", client),
        new("operation", operation),
        new("status", status),
        new("code", code ?? "none"));
}
