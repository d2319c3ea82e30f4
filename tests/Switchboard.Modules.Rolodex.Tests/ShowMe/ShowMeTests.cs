using Switchboard.Core.Commands;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.ShowMe;

/// <summary><c>whoami</c>: who Switchboard thinks the caller is, from which front end, and how sure it is.</summary>
public abstract class ShowMeTests(SwitchboardHost host)
{
    [Fact]
    public async Task WhoamiShowsTheCallersHandleAndEmail()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("whoami-self", cancellationToken);

        var outcome = await host.RunAsync(person, "whoami", cancellationToken);

        Assert.True(outcome.IsSuccess, outcome.Detail);
        Assert.Contains("@whoami-self", outcome.Text, StringComparison.Ordinal);
        Assert.Equal("whoami-self@example.com", outcome.Field("Email"));
        Assert.Equal("no", outcome.Field("Administrator"));
    }

    [Fact]
    public async Task WhoamiOverTheApiShowsTheApiFrontEndAndIdentifiedAssurance()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("whoami-api", cancellationToken);

        var outcome = await host.RunAsync(person, "whoami", cancellationToken);

        Assert.Equal("api", outcome.Field("Signed in through"));
        Assert.Equal("identified", outcome.Field("Assurance"));
        Assert.Equal("read and write", outcome.Field("Access"));
    }

    [Fact]
    public async Task WhoamiWithAReadOnlyTokenShowsReadOnlyAccess()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("whoami-reader", cancellationToken);
        var reader = await host.TokenForAsync("whoami-reader", ActorAccess.ReadOnly, cancellationToken);

        var outcome = await host.RunAsync(reader, "whoami", cancellationToken);

        Assert.True(outcome.IsSuccess, outcome.Detail);
        Assert.Equal("read-only", outcome.Field("Access"));
    }

    [Fact]
    public async Task WhoamiForTheAdministratorSaysTheyAreOne()
    {
        var outcome = await host.RunAsync(host.Admin, "whoami", TestContext.Current.CancellationToken);

        Assert.Equal("yes", outcome.Field("Administrator"));
    }

    [Fact]
    public async Task WhoamiListsTheEmailAddressTheAddingAdminVouchedFor()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("whoami-mail", cancellationToken);

        var outcome = await host.RunAsync(person, "whoami", cancellationToken);

        Assert.Equal("whoami-mail@example.com (asserted by an admin)", outcome.Field("email"));
    }
}

public sealed class ShowMeOnSqliteTests(SqliteHost host) : ShowMeTests(host), IClassFixture<SqliteHost>;

public sealed class ShowMeOnPostgresTests(PostgresHost host) : ShowMeTests(host), IClassFixture<PostgresHost>;
