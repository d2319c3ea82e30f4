using Switchboard.Core.People;

namespace Switchboard.Core.Commands;

/// <summary>
/// A named right, <c>&lt;module&gt;.&lt;action&gt;</c>, and who holds it. A team permission is held by a role in
/// the team a use of the command acts on, which the command names from its arguments with <see cref="In"/>;
/// global administrators hold every permission.
/// </summary>
/// <param name="Team">The team this use acts on, for a team permission; without one, only administrators hold it.</param>
public sealed record Permission(string Name, PermissionHolder HeldBy, string? Team = null)
{
    public static Permission Anyone(string name) => new(name, PermissionHolder.AnyPerson);

    public static Permission AdminsOnly(string name) => new(name, PermissionHolder.Admins);

    /// <summary>Held by the members of the team acted on, whatever their role.</summary>
    public static Permission TeamMembers(string name) => new(name, PermissionHolder.TeamMembers);

    /// <summary>Held by the leads and admins of the team acted on.</summary>
    public static Permission TeamLeads(string name) => new(name, PermissionHolder.TeamLeads);

    /// <summary>Held by the admins of the team acted on.</summary>
    public static Permission TeamAdmins(string name) => new(name, PermissionHolder.TeamAdmins);

    public bool IsTeamPermission => HeldBy is PermissionHolder.TeamMembers or PermissionHolder.TeamLeads or PermissionHolder.TeamAdmins;

    /// <summary>This permission, for a use that acts on <paramref name="team"/>.</summary>
    public Permission In(string team) => this with { Team = TeamRoles.NormalizeTeam(team) };

    /// <param name="team">The team named by <see cref="Team"/>, with its members; null when there is none.</param>
    public bool IsHeldBy(Actor actor, TeamSummary? team) => HeldBy switch
    {
        PermissionHolder.AnyPerson => true,
        PermissionHolder.Admins => actor.IsAdmin,
        PermissionHolder.TeamMembers or PermissionHolder.TeamLeads or PermissionHolder.TeamAdmins =>
            actor.IsAdmin || (team is not null && team.Name == Team && TeamRoles.Holds(team, actor.PersonId, LeastRole)),
    };

    /// <summary>The least team role that holds a team permission: <c>member</c>, <c>lead</c> or <c>admin</c>.</summary>
    public string? LeastRole => HeldBy switch
    {
        PermissionHolder.TeamMembers => TeamRoles.Member,
        PermissionHolder.TeamLeads => TeamRoles.Lead,
        PermissionHolder.TeamAdmins => TeamRoles.Admin,
        PermissionHolder.AnyPerson or PermissionHolder.Admins => null,
    };

    /// <summary>Who holds it, for people to read: <c>leads and admins of team ops, and administrators</c>.</summary>
    public string Holders => HeldBy switch
    {
        PermissionHolder.AnyPerson => "anyone in the Rolodex",
        PermissionHolder.Admins => "administrators",
        PermissionHolder.TeamMembers => $"members of {TeamName}, and administrators",
        PermissionHolder.TeamLeads => $"leads and admins of {TeamName}, and administrators",
        PermissionHolder.TeamAdmins => $"admins of {TeamName}, and administrators",
    };

    private string TeamName => Team is null ? "the team it acts on" : $"team {Team}";
}

/// <summary>Who holds a permission, from the widest to the narrowest.</summary>
public enum PermissionHolder
{
    AnyPerson,
    TeamMembers,
    TeamLeads,
    TeamAdmins,
    Admins,
}
