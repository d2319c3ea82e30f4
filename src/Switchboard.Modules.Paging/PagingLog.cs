using Microsoft.Extensions.Logging;
using Switchboard.Core.People;

namespace Switchboard.Modules.Paging;

/// <summary>Paging's log messages, event ids 14000–14999. Tokens and API keys are never logged.</summary>
internal static partial class PagingLog
{
    [LoggerMessage(14000, LogLevel.Information, "{PersonId} did {PagingAction} on PagerDuty incident {IncidentId}")]
    public static partial void ActedOnIncident(this ILogger logger, PersonId personId, string pagingAction, string incidentId);

    [LoggerMessage(14001, LogLevel.Warning, "PagerDuty answered {StatusCode} to {Method} {Path}: {PagerDutyError}")]
    public static partial void PagerDutyRefused(this ILogger logger, int statusCode, string method, string path, string pagerDutyError);

    [LoggerMessage(14002, LogLevel.Warning, "PagerDuty could not be reached for {Method} {Path}: {ErrorDetail}")]
    public static partial void PagerDutyUnreachable(this ILogger logger, string method, string path, string errorDetail);

    [LoggerMessage(14003, LogLevel.Information, "{PersonId} paged {PagedTarget} with PagerDuty incident {IncidentId}")]
    public static partial void Paged(this ILogger logger, PersonId personId, string pagedTarget, string incidentId);

    [LoggerMessage(14004, LogLevel.Warning, "PagerDuty incident {IncidentId} was not posted to #{ChannelName}: {ErrorCode}")]
    public static partial void IncidentChannelMissing(this ILogger logger, string incidentId, string channelName, string errorCode);

    [LoggerMessage(14100, LogLevel.Information, "{PersonId} read the timeline of PagerDuty incident {IncidentId}: {EntryCount} entries")]
    public static partial void ReadIncidentTimeline(this ILogger logger, PersonId personId, string incidentId, int entryCount);
}
