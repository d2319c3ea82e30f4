using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.RemoveTeamMember;

/// <summary><c>team remove</c>: takes a person out of a team.</summary>
public abstract class RemoveTeamMemberTests(SwitchboardHost host)
{
    [Fact]
    public async Task ARemovedMemberNoLongerShowsInTheTeam()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("departing", cancellationToken);
        await host.RunAsAdminAsync("team create exit-team", cancellationToken);
        await host.RunAsAdminAsync("team add exit-team @departing", cancellationToken);

        var removed = await host.RunAsync(host.Admin, "team remove exit-team @departing", cancellationToken);

        Assert.True(removed.IsSuccess, removed.Detail);
        var shown = await host.RunAsync(host.Admin, "team show exit-team", cancellationToken);
        Assert.Null(shown.Field("@departing"));
        Assert.Contains("0 members", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingSomeoneWhoIsNotAMemberIsNotFound()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("outsider", cancellationToken);
        await host.RunAsAdminAsync("team create closed-team", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "team remove closed-team @outsider", cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("rolodex.not-a-member", outcome.Code);
    }

    [Fact]
    public async Task RemovingFromAnUnknownTeamIsNotFound()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("floater", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "team remove vanished-team @floater", cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("rolodex.unknown-team", outcome.Code);
    }
}

public sealed class RemoveTeamMemberOnSqliteTests(SqliteHost host) : RemoveTeamMemberTests(host), IClassFixture<SqliteHost>;

public sealed class RemoveTeamMemberOnPostgresTests(PostgresHost host) : RemoveTeamMemberTests(host), IClassFixture<PostgresHost>;
