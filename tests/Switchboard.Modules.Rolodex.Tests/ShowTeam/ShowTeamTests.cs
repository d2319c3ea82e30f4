using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.ShowTeam;

/// <summary><c>team show</c>: a team and its members with their roles.</summary>
public abstract class ShowTeamTests(SwitchboardHost host)
{
    [Fact]
    public async Task TeamShowListsEveryMemberWithTheirRole()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var reader = await host.AddPersonAsync("show-reader", cancellationToken);
        await host.AddPersonAsync("show-lead", cancellationToken);
        await host.AddPersonAsync("show-member", cancellationToken);
        await host.RunAsAdminAsync("team create show-team", cancellationToken);
        await host.RunAsAdminAsync("team add show-team @show-lead --role lead", cancellationToken);
        await host.RunAsAdminAsync("team add show-team @show-member", cancellationToken);

        var shown = await host.RunAsync(reader, "team show show-team", cancellationToken);

        Assert.True(shown.IsSuccess, shown.Detail);
        Assert.Contains("2 members", shown.Text, StringComparison.Ordinal);
        Assert.Equal("show-lead, lead", shown.Field("@show-lead"));
        Assert.Equal("show-member, member", shown.Field("@show-member"));
    }

    [Fact]
    public async Task AnEmptyTeamSaysHowToAddPeople()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("team create empty-team", cancellationToken);

        var shown = await host.RunAsync(host.Admin, "team show empty-team", cancellationToken);

        Assert.Contains("team add empty-team @handle", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownTeamIsNotFound()
    {
        var outcome = await host.RunAsync(host.Admin, "team show nowhere-team", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("rolodex.unknown-team", outcome.Code);
    }
}

public sealed class ShowTeamOnSqliteTests(SqliteHost host) : ShowTeamTests(host), IClassFixture<SqliteHost>;

public sealed class ShowTeamOnPostgresTests(PostgresHost host) : ShowTeamTests(host), IClassFixture<PostgresHost>;
