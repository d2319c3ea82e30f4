using Switchboard.Core.Commands;

namespace Switchboard.Server.Api;

internal static class ApiFrontEnd
{
    /// <summary>sb says who it is, so that the audit log and whoami can tell the CLI from other API clients.</summary>
    public static FrontEnd Of(string? userAgent) =>
        userAgent?.StartsWith("sb/", StringComparison.Ordinal) == true ? FrontEnd.Cli : FrontEnd.Api;
}
