using Microsoft.Extensions.Logging;

namespace ChatOpsSignin.Core.Work;

public sealed partial class RequestDriver
{
    private static partial class Log
    {
        /// <summary>The one Information line per request outcome.</summary>
        [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Request {RequestId} for {Profile} from {Platform}: {Outcome} {Code}")]
        public static partial void Outcome(ILogger logger, string requestId, string profile, string platform, string outcome, string? code);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Request {RequestId}: step {Step} failed (attempt {Attempt}); retrying later")]
        public static partial void StepFailed(ILogger logger, Exception exception, string requestId, WorkStep step, int attempt);

        [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Request {RequestId}: step {Step} failed {Attempt} times; giving up")]
        public static partial void GaveUp(ILogger logger, Exception exception, string requestId, WorkStep step, int attempt);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Request {RequestId} for {Profile}: the link could not be shown")]
        public static partial void DeliveryFailed(ILogger logger, Exception exception, string requestId, string profile);

        [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "Request {RequestId}: lease lost during {Step}; another replica has it")]
        public static partial void LeaseLost(ILogger logger, string requestId, WorkStep step);
    }
}
