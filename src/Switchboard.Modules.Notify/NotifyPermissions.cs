using Switchboard.Core.Commands;

namespace Switchboard.Modules.Notify;

internal static class NotifyPermissions
{
    public static readonly Permission Subscribe = Permission.Anyone("notify.subscribe");
    public static readonly Permission Read = Permission.Anyone("notify.read");
}
