namespace Switchboard.Server.Hosting;

internal static partial class ServerLog
{
    [LoggerMessage(6000, LogLevel.Information, "Switchboard is running as {Role} on {Provider}")]
    public static partial void Started(this ILogger logger, ServerRole role, string provider);
}
