using Microsoft.Extensions.Logging;

namespace Switchboard.Core;

internal static partial class CoreLog
{
    [LoggerMessage(1000, LogLevel.Debug, "Command {CommandName} finished with {Outcome}")]
    public static partial void CommandFinished(this ILogger logger, string commandName, string outcome);

    [LoggerMessage(1001, LogLevel.Information, "Command {CommandName} refused with {ErrorCode}")]
    public static partial void CommandRefused(this ILogger logger, string commandName, string errorCode);
}
