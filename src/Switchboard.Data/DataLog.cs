using Microsoft.Extensions.Logging;

namespace Switchboard.Data;

internal static partial class DataLog
{
    [LoggerMessage(2000, LogLevel.Error, "Writing a batch of {Count} audit entries failed; their commands report the failure")]
    public static partial void AuditBatchFailed(this ILogger logger, Exception exception, int count);

    [LoggerMessage(2001, LogLevel.Debug, "Another process appended to the audit chain first; rehashing the batch (attempt {Attempt})")]
    public static partial void AuditHeadMoved(this ILogger logger, int attempt);

    [LoggerMessage(2002, LogLevel.Information, "Applied {Count} database migrations on {Provider}")]
    public static partial void MigrationsApplied(this ILogger logger, int count, string provider);
}
