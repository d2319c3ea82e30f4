using Switchboard.Core.Commands;
using Switchboard.Core.People;

namespace Switchboard.Core.Tests.Commands;

/// <summary>Team permissions: a role in the team the use acts on, or above it, or a global administrator.</summary>
public sealed class PermissionTests
{
    private static readonly Permission ManageMembers = Permission.TeamAdmins("rolodex.manage-team-members");
    private static readonly Permission Deploy = Permission.TeamLeads("deploy.start");

    [Theory]
    [InlineData("member", false)]
    [InlineData("lead", true)]
    [InlineData("admin", true)]
    public void ATeamLeadPermissionIsHeldByLeadsAndAboveOfThatTeam(string role, bool holds)
    {
        var alice = Person("alice");
        var ops = new TeamSummary("ops", [new TeamMember(alice, role)]);

        Assert.Equal(holds, Deploy.In("#Ops").IsHeldBy(Actor(alice), ops));
    }

    [Fact]
    public void ARoleInAnotherTeamHoldsNothing()
    {
        var alice = Person("alice");
        var web = new TeamSummary("web", [new TeamMember(alice, TeamRoles.Admin)]);

        Assert.False(ManageMembers.In("ops").IsHeldBy(Actor(alice), web));
        Assert.False(ManageMembers.In("ops").IsHeldBy(Actor(alice), team: null));
    }

    [Fact]
    public void AnAdministratorHoldsEveryTeamPermissionEvenWithoutATeam()
    {
        var root = Person("root") with { IsAdmin = true };

        Assert.True(ManageMembers.In("ops").IsHeldBy(Actor(root), team: null));
        Assert.True(ManageMembers.IsHeldBy(Actor(root), team: null));
    }

    [Fact]
    public void ATeamPermissionThatNamesNoTeamIsHeldOnlyByAdministrators()
    {
        var alice = Person("alice");

        Assert.False(ManageMembers.IsHeldBy(Actor(alice), new TeamSummary("ops", [new TeamMember(alice, TeamRoles.Admin)])));
        Assert.Equal("admins of the team it acts on, and administrators", ManageMembers.Holders);
        Assert.Equal("leads and admins of team ops, and administrators", Deploy.In("ops").Holders);
    }

    private static PersonSummary Person(string handle) =>
        new(new PersonId(Guid.NewGuid()), handle, handle, $"{handle}@example.com", "UTC", IsAdmin: false);

    private static Actor Actor(PersonSummary person) => new(person, FrontEnd.Api, AssuranceLevel.Identified, ActorAccess.ReadWrite);
}
