using Microsoft.Extensions.Logging;
using Switchboard.Core.Commands;
using Switchboard.Core.People;

namespace Switchboard.Core;

internal static partial class CoreLog
{
    private static readonly Func<ILogger, string, FrontEnd, PersonId, string, IDisposable?> CommandScope =
        LoggerMessage.DefineScope<string, FrontEnd, PersonId, string>("{CommandName} {FrontEnd} {PersonId} {InvocationId}");

    public static IDisposable? BeginCommandScope(this ILogger logger, string commandName, FrontEnd frontEnd, PersonId personId, string invocationId) =>
        CommandScope(logger, commandName, frontEnd, personId, invocationId);

    [LoggerMessage(1000, LogLevel.Debug, "Command {CommandName} finished with {Outcome}")]
    public static partial void CommandFinished(this ILogger logger, string commandName, string outcome);

    [LoggerMessage(1001, LogLevel.Information, "Command {CommandName} refused with {ErrorCode}")]
    public static partial void CommandRefused(this ILogger logger, string commandName, string errorCode);
}
