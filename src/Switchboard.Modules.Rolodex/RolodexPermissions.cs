using Switchboard.Core.Commands;

namespace Switchboard.Modules.Rolodex;

internal static class RolodexPermissions
{
    public static readonly Permission Read = Permission.Anyone("rolodex.read");
    public static readonly Permission LinkOwn = Permission.Anyone("rolodex.link-own");
    public static readonly Permission LinkForOthers = Permission.AdminsOnly("rolodex.link-for-others");
    public static readonly Permission ManagePeople = Permission.AdminsOnly("rolodex.manage-people");
    public static readonly Permission ManageTeams = Permission.AdminsOnly("rolodex.manage-teams");

    /// <summary>Changing who is in a team and their roles: that team's admins, and administrators.</summary>
    public static readonly Permission ManageTeamMembers = Permission.TeamAdmins("rolodex.manage-team-members");
    public static readonly Permission OwnTokens = Permission.Anyone("rolodex.own-tokens");
    public static readonly Permission OwnCredentials = Permission.Anyone("rolodex.own-credentials");
    public static readonly Permission RekeyVault = Permission.AdminsOnly("rolodex.rekey-vault");
}
