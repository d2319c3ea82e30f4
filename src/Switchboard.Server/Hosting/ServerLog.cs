namespace Switchboard.Server.Hosting;

internal static partial class ServerLog
{
    [LoggerMessage(6000, LogLevel.Information, "Switchboard is running as {Role} on {Provider}")]
    public static partial void Started(this ILogger logger, ServerRole role, string provider);

    [LoggerMessage(6001, LogLevel.Error, "A webhook from {WebhookSource} was refused with 503: the event log did not confirm the append")]
    public static partial void AppendUnavailable(this ILogger logger, Exception exception, string webhookSource);
}
