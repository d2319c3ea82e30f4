using Microsoft.Extensions.Logging;

namespace Switchboard.Modules.Slack.SocketMode;

/// <summary>Socket Mode's log messages, event ids 13600–13699. None carries a token, an address or a request's content.</summary>
internal static partial class SocketModeLog
{
    [LoggerMessage(13600, LogLevel.Information, "Socket Mode connected: Slack sends requests over it")]
    public static partial void SocketModeConnected(this ILogger logger);

    [LoggerMessage(13601, LogLevel.Warning, "Slack gave no Socket Mode address ({Code}): {Detail} Trying again shortly")]
    public static partial void SocketModeNotOpened(this ILogger logger, string code, string detail);

    [LoggerMessage(13602, LogLevel.Warning, "The Socket Mode connection could not be made ({Why}); trying again shortly")]
    public static partial void SocketModeNotConnected(this ILogger logger, string why);

    [LoggerMessage(13603, LogLevel.Information, "Slack asked for a new Socket Mode connection ({Reason}); opening one while the old one finishes")]
    public static partial void SocketModeRefreshRequested(this ILogger logger, string reason);

    [LoggerMessage(13604, LogLevel.Warning, "The Socket Mode connection was lost ({Why}); opening another")]
    public static partial void SocketModeLost(this ILogger logger, string why);

    [LoggerMessage(13605, LogLevel.Warning, "A {EnvelopeType} envelope over Socket Mode was refused: {Code}")]
    public static partial void SocketModeEnvelopeRefused(this ILogger logger, string envelopeType, string code);

    [LoggerMessage(13606, LogLevel.Warning, "A Socket Mode message was not the JSON Slack sends, or larger than {MaxBytes} bytes; it was dropped")]
    public static partial void SocketModeMessageDropped(this ILogger logger, int maxBytes);

    [LoggerMessage(13607, LogLevel.Information, "The acknowledgement of envelope {EnvelopeId} was not sent; Slack sends the envelope again")]
    public static partial void SocketModeAcknowledgementLost(this ILogger logger, string envelopeId);
}
