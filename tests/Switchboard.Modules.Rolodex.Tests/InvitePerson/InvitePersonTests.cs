using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.InvitePerson;

/// <summary><c>person invite</c>: a one-time link into the web console, for someone new or someone signing in again.</summary>
public abstract class InvitePersonTests(SwitchboardHost host)
{
    [Fact]
    public async Task SomeoneNewIsAddedAndTheirLinkSignsThemIn()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var invite = await host.RunAsync(host.Admin, "person invite dana@example.com --name \"Dana Scully\"", cancellationToken);
        var link = await host.SignInLinkAsync("dana@example.com", cancellationToken);
        using var browser = new ConsoleSession(host.BaseAddress);
        await browser.SignInAsync(link, cancellationToken);
        var whoami = await browser.RunAsync("whoami", cancellationToken);

        Assert.True(invite.IsSuccess, $"{invite.Code}: {invite.Detail}");
        Assert.Contains("Added Dana Scully as @dana", invite.Text, StringComparison.Ordinal);
        Assert.Contains("dana@example.com", whoami.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeoneAlreadyInTheRolodexGetsAFreshLinkAndKeepsTheirName()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("person add erin@example.com --name \"Erin Known\"", cancellationToken);

        var invite = await host.RunAsync(host.Admin, "person invite erin@example.com --name Ignored", cancellationToken);

        Assert.True(invite.IsSuccess, $"{invite.Code}: {invite.Detail}");
        Assert.Contains("Made a new sign-in link for Erin Known (@erin)", invite.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdministratorsInvite()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var member = await host.AddPersonAsync("plain-member", cancellationToken);

        var invite = await host.RunAsync(member, "person invite friend@example.com", cancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, invite.Status);
    }

    [Fact]
    public async Task AnAddressThatIsNotOneIsABadRequest()
    {
        var invite = await host.RunAsync(host.Admin, "person invite not-an-address", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, "rolodex.invalid-email"), (invite.Status, invite.Code));
    }

    [Fact]
    public async Task TheLinkIsShownButNeverKeptForARepeatedRequest()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var first = await host.RunAsync(host.Admin, "person invite fay@example.com", cancellationToken, idempotencyKey: "invite-fay");
        var repeat = await host.RunAsync(host.Admin, "person invite fay@example.com", cancellationToken, idempotencyKey: "invite-fay");

        Assert.Contains("/signin/", first.Text, StringComparison.Ordinal);
        Assert.True(repeat.IsSuccess, $"{repeat.Code}: {repeat.Detail}");
        Assert.DoesNotContain("/signin/", repeat.Text, StringComparison.Ordinal);
    }
}

public sealed class InvitePersonOnSqliteTests(SqliteHost host) : InvitePersonTests(host), IClassFixture<SqliteHost>;

public sealed class InvitePersonOnPostgresTests(PostgresHost host) : InvitePersonTests(host), IClassFixture<PostgresHost>;
