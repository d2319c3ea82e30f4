using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.CreateTeam;

/// <summary><c>team create</c>, and the audit entry every command leaves from the first one on.</summary>
public abstract class CreateTeamTests(SwitchboardHost host)
{
    [Fact]
    public async Task ANewTeamStartsEmpty()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var created = await host.RunAsync(host.Admin, "team create fresh-team", cancellationToken);

        Assert.True(created.IsSuccess, created.Detail);
        var shown = await host.RunAsync(host.Admin, "team show fresh-team", cancellationToken);
        Assert.Contains("0 members", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamNamesAreStoredInLowerCase()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        await host.RunAsAdminAsync("team create Upper-Team", cancellationToken);

        var shown = await host.RunAsync(host.Admin, "team show upper-team", cancellationToken);
        Assert.True(shown.IsSuccess, shown.Detail);
    }

    [Fact]
    public async Task ATeamThatExistsIsAConflict()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("team create twice-team", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "team create twice-team", cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, outcome.Status);
        Assert.Equal("rolodex.team-exists", outcome.Code);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("under_score")]
    [InlineData("-leading-dash")]
    public async Task AnInvalidTeamNameIsABadRequest(string name)
    {
        var outcome = await host.RunAsync(host.Admin, $"team create \"{name}\"", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("rolodex.invalid-team-name", outcome.Code);
    }

    [Fact]
    public async Task CreatingATeamIsAuditedAsSucceeded()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("team create audited-team", cancellationToken);

        var tail = await host.RunAsAdminAsync("audit tail", cancellationToken);

        var entry = Assert.Single(tail.Text!.Split('\n'), line => line.EndsWith(": team create audited-team", StringComparison.Ordinal));
        Assert.Contains(" succeeded:", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedTeamCreateIsAuditedWithItsCode()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("audit-refused", cancellationToken);
        await host.RunAsync(person, "team create refused-team", cancellationToken);

        var tail = await host.RunAsAdminAsync("audit tail", cancellationToken);

        var entry = Assert.Single(tail.Text!.Split('\n'), line => line.EndsWith(": team create refused-team", StringComparison.Ordinal));
        Assert.Contains(" refused core.permission-denied:", entry, StringComparison.Ordinal);
        Assert.Contains(person.Id.Value.ToString(), entry, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheAuditChainHoldsAfterTeamChanges()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("team create chained-team", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "audit verify", cancellationToken);

        Assert.True(outcome.IsSuccess, outcome.Detail);
        Assert.Contains("The audit chain holds", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonWhoIsNotAnAdminCannotCreateATeam()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("team-wannabe", cancellationToken);

        var outcome = await host.RunAsync(person, "team create wannabe-team", cancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, outcome.Status);
        Assert.Equal("core.permission-denied", outcome.Code);
    }
}

public sealed class CreateTeamOnSqliteTests(SqliteHost host) : CreateTeamTests(host), IClassFixture<SqliteHost>;

public sealed class CreateTeamOnPostgresTests(PostgresHost host) : CreateTeamTests(host), IClassFixture<PostgresHost>;
