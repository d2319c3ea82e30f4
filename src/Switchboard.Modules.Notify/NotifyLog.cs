using Microsoft.Extensions.Logging;

namespace Switchboard.Modules.Notify;

/// <summary>Notify's log messages, event ids 11000–11999.</summary>
internal static partial class NotifyLog
{
    [LoggerMessage(11000, LogLevel.Information, "Asked GitHub to redeliver {EventType} delivery {DeliveryId} (attempt {AttemptId}) to hook {GitHubHook}; GitHub had recorded {DeliveryStatus}")]
    public static partial void RedeliveryRequested(this ILogger logger, string eventType, string deliveryId, long attemptId, string gitHubHook, string deliveryStatus);

    [LoggerMessage(11001, LogLevel.Error, "Reconciling GitHub hook {GitHubHook} was refused with {ErrorCode}: {ErrorDetail}")]
    public static partial void ReconcilerRefused(this ILogger logger, string gitHubHook, string errorCode, string errorDetail);

    [LoggerMessage(11002, LogLevel.Warning, "Reconciling GitHub hook {GitHubHook} failed with {ErrorCode}: {ErrorDetail} The next round tries again")]
    public static partial void ReconcilerFailed(this ILogger logger, string gitHubHook, string errorCode, string errorDetail);

    [LoggerMessage(11003, LogLevel.Warning, "GitHub's rate limit for the reconciler's token is spent; missed deliveries are looked for again from {RetryAt}")]
    public static partial void ReconcilerRateLimited(this ILogger logger, DateTimeOffset retryAt);

    [LoggerMessage(11004, LogLevel.Warning, "A round of GitHub reconciliation failed; the next round tries again")]
    public static partial void ReconcilerRoundFailed(this ILogger logger, Exception exception);

    [LoggerMessage(11005, LogLevel.Debug, "Reconciled GitHub hook {GitHubHook}: {AttemptCount} deliveries since {Since}, {MissedCount} never reached the log, {AskedCount} redeliveries asked")]
    public static partial void HookReconciled(this ILogger logger, string gitHubHook, int attemptCount, DateTimeOffset since, int missedCount, int askedCount);

    [LoggerMessage(11006, LogLevel.Debug, "GitHub reconciliation round finished for {HookCount} hooks")]
    public static partial void ReconcilerRoundFinished(this ILogger logger, int hookCount);

    [LoggerMessage(11007, LogLevel.Debug, "GitHub reconciliation round skipped: the rate limit allows asking again from {RetryAt}")]
    public static partial void ReconcilerRoundSkipped(this ILogger logger, DateTimeOffset retryAt);
}
