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

    [LoggerMessage(2100, LogLevel.Information, "Audit chain head: {AuditSequence}:{AuditHash}")]
    public static partial void AuditHeadPublished(this ILogger logger, long auditSequence, string auditHash);

    [LoggerMessage(2101, LogLevel.Error, "Writing the audit head file {HeadFile} failed; the next append batch tries again")]
    public static partial void AuditHeadFileFailed(this ILogger logger, Exception exception, string headFile);

    [LoggerMessage(2102, LogLevel.Warning, "The audit head webhook answered {StatusCode} to head {AuditSequence}; the next append batch sends again")]
    public static partial void AuditHeadWebhookRefused(this ILogger logger, long auditSequence, int statusCode);

    [LoggerMessage(2103, LogLevel.Warning, "Posting audit head {AuditSequence} to the webhook failed; the next append batch sends again")]
    public static partial void AuditHeadWebhookFailed(this ILogger logger, Exception exception, long auditSequence);

    [LoggerMessage(2104, LogLevel.Critical, "The audit chain went back: {AuditSequence}:{AuditHash} was published, but the database's chain now ends at {ChainEnd}; entries were deleted or rewritten. {HeadFile} keeps the published head until it is removed")]
    public static partial void AuditHeadWentBack(this ILogger logger, long auditSequence, string auditHash, long chainEnd, string headFile);
}
