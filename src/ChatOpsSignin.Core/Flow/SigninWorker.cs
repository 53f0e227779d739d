using ChatOpsSignin.Core.Audit;
using ChatOpsSignin.Core.Delivery;
using ChatOpsSignin.Core.Outcomes;
using ChatOpsSignin.Core.Requests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Core.Flow;

/// <summary>Drains the queue a few items at a time, so one slow STS call does not hold up everyone else.</summary>
public sealed partial class SigninWorker(
    SigninQueue queue, SigninFlow flow, AuditTrail audit, DeliveryDirectory deliveries, ILogger<SigninWorker> logger) : BackgroundService
{
    private const int Parallelism = 4;

    private static readonly SigninFailure InternalError = new(
        "internal_error", "Something went wrong on our side; nothing was issued. Please try again.", "Unhandled exception; see the log.");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(
            queue.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
            RunOneAsync);

    private async ValueTask RunOneAsync(SigninWork work, CancellationToken cancellationToken)
    {
        try
        {
            await flow.RunAsync(work, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var request = work switch
            {
                SigninWork.NewRequest w => w.Request,
                SigninWork.DecisionTaken w => w.Approval.Request,
                _ => null,
            };
            Log.WorkFailed(logger, exception, request?.Id.Value);
            if (request is not null)
            {
                await ReportAsync(request, cancellationToken);
            }
        }
    }

    private async Task ReportAsync(SigninRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(request, AuditEventType.Error, e => e with { Code = InternalError.Code }, cancellationToken);
            if (deliveries.For(request.Platform) is { } delivery)
            {
                await delivery.NotifyRequesterAsync(request, new RequesterNotice.Refused(InternalError), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.ReportFailed(logger, exception, request.Id.Value);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Work for request {RequestId} failed")]
        public static partial void WorkFailed(ILogger logger, Exception exception, string? requestId);

        [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Could not report the failure of request {RequestId}")]
        public static partial void ReportFailed(ILogger logger, Exception exception, string requestId);
    }
}
