using Switchboard.Core.Commands;

namespace Switchboard.Modules.Deploy;

internal static class DeployPermissions
{
    /// <summary>Deploy, promote, roll back: members of the team owning the app's service.</summary>
    public static readonly Permission Start = Permission.TeamMembers("deploy.start");

    /// <summary>Hold or release an app's environment: members of the team owning the app's service.</summary>
    public static readonly Permission Lock = Permission.TeamMembers("deploy.lock");

    /// <summary>Anyone may stop deploys; whoever froze may unfreeze, and administrators (checked against the freeze).</summary>
    public static readonly Permission Freeze = Permission.Anyone("deploy.freeze");

    public static readonly Permission Read = Permission.Anyone("deploy.read");
}
