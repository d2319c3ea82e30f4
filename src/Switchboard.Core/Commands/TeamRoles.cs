using Switchboard.Core.People;

namespace Switchboard.Core.Commands;

/// <summary>The roles a person holds in a team, each holding what the ones before it hold: member, lead, admin.</summary>
public static class TeamRoles
{
    public const string Member = "member";
    public const string Lead = "lead";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Member, Lead, Admin];

    public static bool IsRole(string role) => All.Contains(role);

    /// <summary>Whether the person is in the team with <paramref name="leastRole"/> or a role above it.</summary>
    public static bool Holds(TeamSummary team, PersonId person, string? leastRole) =>
        team.Members.Any(m => m.Person.Id == person && IsAtLeast(m.Role, leastRole));

    /// <summary>Whether <paramref name="role"/> is <paramref name="leastRole"/> or above it.</summary>
    public static bool IsAtLeast(string role, string? leastRole) => Rank(role) >= Rank(leastRole ?? Member);

    public static string NormalizeTeam(string team) => team.Trim().TrimStart('#').ToLowerInvariant();

    private static int Rank(string role) => role switch
    {
        Member => 1,
        Lead => 2,
        Admin => 3,
        _ => 0,
    };
}
