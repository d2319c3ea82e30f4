using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.AddPerson;

/// <summary><c>person add</c>: an administrator puts someone in the Rolodex.</summary>
public abstract class AddPersonTests(SwitchboardHost host)
{
    [Fact]
    public async Task SomeonesClaimToAnAddressDoesNotStopTheAdminAddingItsOwner()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var squatter = await host.AddPersonAsync("squatter", cancellationToken);
        await host.RunAsync(squatter, "rolodex link email owner@example.com", cancellationToken);

        var added = await host.RunAsync(host.Admin, "person add owner@example.com", cancellationToken);
        var owner = await host.RunAsync(host.Admin, "whois owner@example.com", cancellationToken);
        var squatterCard = await host.RunAsync(squatter, "whoami", cancellationToken);

        Assert.True(added.IsSuccess, $"{added.Code}: {added.Detail}");
        Assert.Equal("owner@example.com (asserted by an admin)", owner.Field("email"));
        Assert.Equal("squatter@example.com (asserted by an admin)", squatterCard.Field("email"));
    }

    [Fact]
    public async Task TheHandleIsTakenFromTheEmailAddressWhenOmitted()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var added = await host.RunAsync(host.Admin, "person add Jane.Doe+ops@example.com", cancellationToken);

        Assert.True(added.IsSuccess, added.Detail);
        Assert.Contains("@jane.doe", added.Text, StringComparison.Ordinal);
        var found = await host.RunAsync(host.Admin, "whois @jane.doe", cancellationToken);
        Assert.Equal("jane.doe+ops@example.com", found.Field("Email"));
    }

    [Fact]
    public async Task ADerivedHandleThatIsTakenGetsANumber()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("person add twin@example.com", cancellationToken);

        var added = await host.RunAsync(host.Admin, "person add twin@example.org", cancellationToken);

        Assert.True(added.IsSuccess, added.Detail);
        Assert.Contains("@twin2", added.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNameAndTimeZoneGivenShowOnTheCard()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        await host.RunAsAdminAsync("person add berliner@example.com --name \"Bea Berliner\" --time-zone Europe/Berlin", cancellationToken);

        var found = await host.RunAsync(host.Admin, "whois @berliner", cancellationToken);
        Assert.Contains("Bea Berliner", found.Text, StringComparison.Ordinal);
        Assert.Equal("Europe/Berlin", found.Field("Time zone"));
    }

    [Fact]
    public async Task AnEmailAlreadyInTheRolodexIsAConflict()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("person add dupe@example.com", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, "person add DUPE@example.com", cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, outcome.Status);
        Assert.Equal("rolodex.person-exists", outcome.Code);
    }

    [Fact]
    public async Task AnInvalidEmailIsABadRequest()
    {
        var outcome = await host.RunAsync(host.Admin, "person add not-an-address", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("rolodex.invalid-email", outcome.Code);
    }

    [Fact]
    public async Task AnUnknownTimeZoneIsABadRequest()
    {
        var outcome = await host.RunAsync(host.Admin, "person add martian@example.com --time-zone Mars/Olympus_Mons", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("rolodex.unknown-time-zone", outcome.Code);
    }

    [Fact]
    public async Task APersonWhoIsNotAnAdministratorCannotAddPeople()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("not-an-adder", cancellationToken);

        var outcome = await host.RunAsync(person, "person add friend@example.com", cancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, outcome.Status);
        Assert.Equal("core.permission-denied", outcome.Code);
    }

    [Fact]
    public async Task AnAddressWhoseLocalPartStartsWithADashStillGetsAHandle()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var added = await host.RunAsync(host.Admin, "person add -oncall@example.com", cancellationToken);

        Assert.True(added.IsSuccess, $"{added.Code}: {added.Detail}");
    }

    [Fact]
    public async Task ANameLongerThanTheRolodexKeepsIsABadRequest()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var outcome = await host.RunAsync(host.Admin, $"person add longname@example.com --name {new string('n', 201)}", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
    }
}

public sealed class AddPersonOnSqliteTests(SqliteHost host) : AddPersonTests(host), IClassFixture<SqliteHost>;

public sealed class AddPersonOnPostgresTests(PostgresHost host) : AddPersonTests(host), IClassFixture<PostgresHost>;
