using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.FindPerson;

/// <summary><c>whois</c>: finds a person by @handle, e-mail address or full name.</summary>
public abstract class FindPersonTests(SwitchboardHost host)
{
    [Fact]
    public async Task WhoisFindsAPersonByHandle()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("whois-handle", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "whois @whois-handle", cancellationToken);

        Assert.True(outcome.IsSuccess, outcome.Detail);
        Assert.Equal("whois-handle@example.com", outcome.Field("Email"));
    }

    [Fact]
    public async Task WhoisFindsAPersonByEmailInAnyCase()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("whois-mail", cancellationToken);
        var asker = await host.AddPersonAsync("whois-asker", cancellationToken);

        var outcome = await host.RunAsync(asker, "whois Whois-Mail@Example.com", cancellationToken);

        Assert.True(outcome.IsSuccess, outcome.Detail);
        Assert.Contains("@whois-mail", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoisFindsAPersonByTheirFullName()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("person add grace.hopper@example.com --name \"Grace Hopper\"", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "whois Grace Hopper", cancellationToken);

        Assert.True(outcome.IsSuccess, outcome.Detail);
        Assert.Equal("grace.hopper@example.com", outcome.Field("Email"));
    }

    [Fact]
    public async Task WhoisShowsThePersonsTeamsAndRoles()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("whois-teams", cancellationToken);
        await host.RunAsAdminAsync("team create whois-crew", cancellationToken);
        await host.RunAsAdminAsync("team add whois-crew @whois-teams --role lead", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "whois @whois-teams", cancellationToken);

        Assert.Equal("whois-crew (lead)", outcome.Field("Teams"));
    }

    [Fact]
    public async Task ANameTwoPeopleShareIsAmbiguousAndNamesBothHandles()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("person add sam.one@example.com --name \"Sam Smith\"", cancellationToken);
        await host.RunAsAdminAsync("person add sam.two@example.com --name \"Sam Smith\"", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "whois Sam Smith", cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, outcome.Status);
        Assert.Equal("rolodex.ambiguous-person", outcome.Code);
        Assert.Contains("@sam.one", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("@sam.two", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPersonIsNotFound()
    {
        var outcome = await host.RunAsync(host.Admin, "whois @nobody-by-that-name", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, outcome.Status);
        Assert.Equal("rolodex.unknown-person", outcome.Code);
    }
}

public sealed class FindPersonOnSqliteTests(SqliteHost host) : FindPersonTests(host), IClassFixture<SqliteHost>;

public sealed class FindPersonOnPostgresTests(PostgresHost host) : FindPersonTests(host), IClassFixture<PostgresHost>;
