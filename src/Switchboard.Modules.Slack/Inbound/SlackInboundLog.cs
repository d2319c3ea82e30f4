using Microsoft.Extensions.Logging;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>Slack's inbound log messages, event ids 13500–13999. None carries message text, a response URL or a code.</summary>
internal static partial class SlackInboundLog
{
    [LoggerMessage(13500, LogLevel.Warning, "A request to /slack was refused: {Code}")]
    public static partial void SlackRequestRefused(this ILogger logger, string code);

    [LoggerMessage(13501, LogLevel.Error, "A Slack request was not acknowledged: the event log did not confirm the append")]
    public static partial void SlackAppendUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(13502, LogLevel.Warning, "Running the Slack request {DedupeKey} failed; it runs again once its claim lapses")]
    public static partial void SlackRequestFailed(this ILogger logger, Exception exception, string dedupeKey);

    [LoggerMessage(13503, LogLevel.Warning, "A message from Slack user {SlackUserId} held a {TokenKind} token and was not run")]
    public static partial void TokenPasted(this ILogger logger, string slackUserId, string tokenKind);

    [LoggerMessage(13504, LogLevel.Warning, "Posting a reply to Slack failed with {Status} ({SlackError}) for the request {DedupeKey}")]
    public static partial void ReplyRefused(this ILogger logger, int status, string slackError, string dedupeKey);

    [LoggerMessage(13505, LogLevel.Error, "The Slack request runner's round failed; it tries again shortly")]
    public static partial void RunnerRoundFailed(this ILogger logger, Exception exception);
}
