using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.ListPeople;

/// <summary><c>person list</c>: everyone in the Rolodex.</summary>
public abstract class ListPeopleTests(SwitchboardHost host)
{
    [Fact]
    public async Task AnAddedPersonIsListedWithTheirEmail()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("listed", cancellationToken);

        var outcome = await host.RunAsync(person, "person list", cancellationToken);

        Assert.True(outcome.IsSuccess, outcome.Detail);
        Assert.Equal("listed <listed@example.com>", outcome.Field("@listed"));
    }

    [Fact]
    public async Task AdministratorsAreMarkedInTheList()
    {
        var outcome = await host.RunAsync(host.Admin, "person list", TestContext.Current.CancellationToken);

        Assert.EndsWith("(admin)", outcome.Field("@" + host.Admin.Handle), StringComparison.Ordinal);
    }
}

public sealed class ListPeopleOnSqliteTests(SqliteHost host) : ListPeopleTests(host), IClassFixture<SqliteHost>;

public sealed class ListPeopleOnPostgresTests(PostgresHost host) : ListPeopleTests(host), IClassFixture<PostgresHost>;
