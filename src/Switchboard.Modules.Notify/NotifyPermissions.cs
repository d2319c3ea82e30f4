using Switchboard.Core.Commands;

namespace Switchboard.Modules.Notify;

internal static class NotifyPermissions
{
    public static readonly Permission Subscribe = Permission.Anyone("notify.subscribe");
    public static readonly Permission Read = Permission.Anyone("notify.read");

    /// <summary>Posting a logged event again, where its subscriptions would not, is for admins.</summary>
    public static readonly Permission Replay = Permission.AdminsOnly("notify.replay");

    /// <summary>Anyone may add a service; changing or deleting one is for its team and admins, checked by the command.</summary>
    public static readonly Permission Catalog = Permission.Anyone("notify.catalog");
}
