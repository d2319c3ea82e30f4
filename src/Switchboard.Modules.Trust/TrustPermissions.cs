using Switchboard.Core.Commands;

namespace Switchboard.Modules.Trust;

internal static class TrustPermissions
{
    public static readonly Permission OwnFactors = Permission.Anyone("trust.own-factors");
    public static readonly Permission ManageFactors = Permission.AdminsOnly("trust.manage-factors");

    /// <summary>Anyone may ask; whether they may decide a given request is its team's rule, checked against the request.</summary>
    public static readonly Permission DecideApprovals = Permission.Anyone("trust.decide-approvals");
    public static readonly Permission ReadPermissions = Permission.Anyone("trust.read-permissions");
}
