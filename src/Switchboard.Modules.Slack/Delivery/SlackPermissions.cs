using Switchboard.Core.Commands;

namespace Switchboard.Modules.Slack.Delivery;

internal static class SlackPermissions
{
    /// <summary>Binding sends a channel's messages to another company's servers: an administrator's call.</summary>
    public static readonly Permission Bind = Permission.AdminsOnly("slack.bind");

    public static readonly Permission Read = Permission.Anyone("slack.read");
}
