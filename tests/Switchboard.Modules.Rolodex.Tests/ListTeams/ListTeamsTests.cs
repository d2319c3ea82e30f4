using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.ListTeams;

/// <summary><c>team list</c>: every team and how many people it has.</summary>
public abstract class ListTeamsTests(SwitchboardHost host)
{
    [Fact]
    public async Task TeamListShowsEachTeamWithItsMemberCount()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var reader = await host.AddPersonAsync("list-reader", cancellationToken);
        await host.AddPersonAsync("list-member", cancellationToken);
        await host.RunAsAdminAsync("team create counted-team", cancellationToken);
        await host.RunAsAdminAsync("team create lonely-team", cancellationToken);
        await host.RunAsAdminAsync("team add counted-team @list-member", cancellationToken);

        var listed = await host.RunAsync(reader, "team list", cancellationToken);

        Assert.True(listed.IsSuccess, listed.Detail);
        Assert.Equal("1 member", listed.Field("counted-team"));
        Assert.Equal("0 members", listed.Field("lonely-team"));
    }
}

public sealed class ListTeamsOnSqliteTests(SqliteHost host) : ListTeamsTests(host), IClassFixture<SqliteHost>;

public sealed class ListTeamsOnPostgresTests(PostgresHost host) : ListTeamsTests(host), IClassFixture<PostgresHost>;
