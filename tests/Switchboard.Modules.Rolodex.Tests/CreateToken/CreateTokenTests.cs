using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.CreateToken;

/// <summary><c>token create</c>: a personal API token, shown once.</summary>
public abstract class CreateTokenTests(SwitchboardHost host)
{
    [Fact]
    public async Task ATokenMadeWithAnExpiringTokenExpiresWithItAtTheLatest()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("short-lived", cancellationToken);
        var day = await host.RunAsync(person, "token create one-day --expires-in-days 1", cancellationToken);
        var oneDay = person with { Token = day.Field("Token")! };

        var forever = await host.RunAsync(oneDay, "token create forever", cancellationToken);

        Assert.True(forever.IsSuccess, forever.Detail);
        Assert.Equal(day.Field("Expires"), forever.Field("Expires"));
        Assert.NotEqual("never", forever.Field("Expires"));
    }

    [Fact]
    public async Task TheNewTokenIsShownOnceInTheTokenField()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("token-maker", cancellationToken);

        var created = await host.RunAsync(person, "token create laptop", cancellationToken);

        Assert.True(created.IsSuccess, created.Detail);
        Assert.StartsWith("swb_", created.Field("Token"), StringComparison.Ordinal);
        Assert.Equal("never", created.Field("Expires"));
    }

    [Fact]
    public async Task TheNewTokenActsAsItsOwner()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("token-user", cancellationToken);
        var created = await host.RunAsync(person, "token create desktop", cancellationToken);

        var me = await host.RunAsync(person with { Token = created.Field("Token")! }, "whoami", cancellationToken);

        Assert.True(me.IsSuccess, me.Detail);
        Assert.Equal("token-user@example.com", me.Field("Email"));
    }

    [Fact]
    public async Task ATokenWithAnExpiryShowsTheDayItExpires()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("token-expirer", cancellationToken);
        var expected = host.Clock.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var created = await host.RunAsync(person, "token create ci --expires-in-days 30", cancellationToken);

        Assert.Equal(expected, created.Field("Expires"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public async Task AnExpiryOutsideOneDayToTenYearsIsABadRequest(int days)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync($"token-expiry-{days}", cancellationToken);

        var outcome = await host.RunAsync(person, $"token create forever --expires-in-days {days}", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("rolodex.invalid-expiry", outcome.Code);
    }

    [Fact]
    public async Task ASecondActiveTokenWithTheSameNameIsAConflict()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("token-twice", cancellationToken);
        await host.RunAsync(person, "token create phone", cancellationToken);

        var outcome = await host.RunAsync(person, "token create phone", cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, outcome.Status);
        Assert.Equal("rolodex.token-name-taken", outcome.Code);
    }

    [Fact]
    public async Task AReadOnlyTokenCanRunWhoami()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("token-reader", cancellationToken);
        var created = await host.RunAsync(person, "token create dashboards --read-only", cancellationToken);

        var me = await host.RunAsync(person with { Token = created.Field("Token")! }, "whoami", cancellationToken);

        Assert.True(me.IsSuccess, me.Detail);
        Assert.Equal("read-only", me.Field("Access"));
    }

    [Fact]
    public async Task AReadOnlyTokenOfAnAdministratorCannotCreateATeam()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var admin = await host.AddPersonAsync("token-admin", cancellationToken, admin: true);
        var created = await host.RunAsync(admin, "token create audit-only --read-only", cancellationToken);

        var outcome = await host.RunAsync(admin with { Token = created.Field("Token")! }, "team create read-only-team", cancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, outcome.Status);
        Assert.Equal("core.read-only-credential", outcome.Code);
    }

    [Fact]
    public async Task ATokenStopsWorkingWhenItExpires()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("token-expiring", cancellationToken);
        var token = (await host.RunAsync(person, "token create short-lived --expires-in-days 1", cancellationToken)).Field("Token")!;
        host.Clock.Advance(TimeSpan.FromDays(1));

        var outcome = await host.RunAsync(person with { Token = token }, "whoami", cancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, outcome.Status);
        Assert.Equal("auth.token-expired", outcome.Code);
    }

    [Fact]
    public async Task ATokenNameLongerThanTheRolodexKeepsIsABadRequest()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("token-verbose", cancellationToken);

        var outcome = await host.RunAsync(person, $"token create {new string('n', 101)}", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
    }
}

public sealed class CreateTokenOnSqliteTests(SqliteHost host) : CreateTokenTests(host), IClassFixture<SqliteHost>;

public sealed class CreateTokenOnPostgresTests(PostgresHost host) : CreateTokenTests(host), IClassFixture<PostgresHost>;
