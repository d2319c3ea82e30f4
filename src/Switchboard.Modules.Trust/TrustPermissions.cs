using Switchboard.Core.Commands;

namespace Switchboard.Modules.Trust;

internal static class TrustPermissions
{
    public static readonly Permission OwnFactors = Permission.Anyone("trust.own-factors");
    public static readonly Permission ManageFactors = Permission.AdminsOnly("trust.manage-factors");
}
