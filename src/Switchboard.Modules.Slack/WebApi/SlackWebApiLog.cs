using Microsoft.Extensions.Logging;

namespace Switchboard.Modules.Slack.WebApi;

/// <summary>The Web API client's log messages, event ids 13000–13099 (the module's outbound half has 13000–13499). Tokens and message text are never logged.</summary>
internal static partial class SlackWebApiLog
{
    [LoggerMessage(13000, LogLevel.Warning, "Slack refused {SlackMethod} with {SlackError}")]
    public static partial void SlackRefused(this ILogger logger, string slackMethod, string slackError);

    [LoggerMessage(13001, LogLevel.Information, "Slack rate-limited {SlackMethod}; it asks to wait {RetryAfter}")]
    public static partial void SlackRateLimited(this ILogger logger, string slackMethod, TimeSpan? retryAfter);

    [LoggerMessage(13002, LogLevel.Warning, "Slack did not answer {SlackMethod}: {Reason}")]
    public static partial void SlackUnanswered(this ILogger logger, string slackMethod, string reason);
}
