using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.AddTeamMember;

/// <summary><c>team add</c>: puts a person in a team, or changes their role in it.</summary>
public abstract class AddTeamMemberTests(SwitchboardHost host)
{
    [Fact]
    public async Task AnAddedMemberShowsInTheTeamWithTheirRole()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("new-lead", cancellationToken);
        await host.RunAsAdminAsync("team create lead-team", cancellationToken);

        var added = await host.RunAsync(host.Admin, "team add lead-team @new-lead --role lead", cancellationToken);

        Assert.True(added.IsSuccess, added.Detail);
        var shown = await host.RunAsync(host.Admin, "team show lead-team", cancellationToken);
        Assert.Equal("new-lead, lead", shown.Field("@new-lead"));
    }

    [Fact]
    public async Task AMemberIsAddedAsAMemberWhenNoRoleIsGiven()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("plain-member", cancellationToken);
        await host.RunAsAdminAsync("team create plain-team", cancellationToken);

        await host.RunAsAdminAsync("team add plain-team @plain-member", cancellationToken);

        var shown = await host.RunAsync(host.Admin, "team show plain-team", cancellationToken);
        Assert.Equal("plain-member, member", shown.Field("@plain-member"));
    }

    [Fact]
    public async Task AddingSomeoneAgainChangesTheirRole()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("promoted", cancellationToken);
        await host.RunAsAdminAsync("team create promo-team", cancellationToken);
        await host.RunAsAdminAsync("team add promo-team @promoted", cancellationToken);

        var changed = await host.RunAsync(host.Admin, "team add promo-team @promoted --role admin", cancellationToken);

        Assert.True(changed.IsSuccess, changed.Detail);
        Assert.Contains("now admin", changed.Text, StringComparison.Ordinal);
        var shown = await host.RunAsync(host.Admin, "team show promo-team", cancellationToken);
        Assert.Equal("promoted, admin", shown.Field("@promoted"));
        Assert.Contains("1 member", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddingToAnUnknownTeamIsNotFound()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("teamless", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "team add no-such-team @teamless", cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("rolodex.unknown-team", outcome.Code);
    }

    [Fact]
    public async Task AddingAnUnknownPersonIsNotFound()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("team create ghost-team", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "team add ghost-team @ghost", cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("rolodex.unknown-person", outcome.Code);
    }

    [Fact]
    public async Task AnUnknownRoleIsABadRequest()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("would-be-boss", cancellationToken);
        await host.RunAsAdminAsync("team create boss-team", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "team add boss-team @would-be-boss --role emperor", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("core.invalid-argument", outcome.Code);
    }
}

public sealed class AddTeamMemberOnSqliteTests(SqliteHost host) : AddTeamMemberTests(host), IClassFixture<SqliteHost>;

public sealed class AddTeamMemberOnPostgresTests(PostgresHost host) : AddTeamMemberTests(host), IClassFixture<PostgresHost>;
