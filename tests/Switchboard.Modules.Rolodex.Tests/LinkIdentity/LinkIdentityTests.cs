using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.LinkIdentity;

/// <summary><c>rolodex link</c>: a claim for yourself, an assertion by an admin for someone else.</summary>
public abstract class LinkIdentityTests(SwitchboardHost host)
{
    [Fact]
    public async Task LinkingYourOwnAccountRecordsAClaim()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("claimer", cancellationToken);

        var linked = await host.RunAsync(person, "rolodex link github claimer-gh", cancellationToken);

        Assert.True(linked.IsSuccess, linked.Detail);
        var me = await host.RunAsync(person, "whoami", cancellationToken);
        Assert.Equal("claimer-gh (claimed, not proven)", me.Field("github"));
    }

    [Fact]
    public async Task AnAdminLinkingForSomeoneElseAssertsTheLink()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("asserted", cancellationToken);

        var linked = await host.RunAsync(host.Admin, "rolodex link github asserted-gh --for @asserted", cancellationToken);

        Assert.True(linked.IsSuccess, linked.Detail);
        Assert.Contains($"asserted by @{host.Admin.Handle}", linked.Text, StringComparison.Ordinal);
        var me = await host.RunAsync(person, "whoami", cancellationToken);
        Assert.Equal("asserted-gh (asserted by an admin)", me.Field("github"));
    }

    [Fact]
    public async Task APersonWhoIsNotAnAdminCannotLinkForSomeoneElse()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("meddler", cancellationToken);
        await host.AddPersonAsync("meddled", cancellationToken);

        var outcome = await host.RunAsync(person, "rolodex link github meddled-gh --for @meddled", cancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, outcome.Status);
        Assert.Equal("core.permission-denied", outcome.Code);
        Assert.Contains("rolodex.link-for-others", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccountLinkedToSomeoneElseIsTaken()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var first = await host.AddPersonAsync("first-owner", cancellationToken);
        var second = await host.AddPersonAsync("second-owner", cancellationToken);
        await host.RunAsync(first, "rolodex link github contested-gh", cancellationToken);

        var outcome = await host.RunAsync(second, "rolodex link github contested-gh", cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, outcome.Status);
        Assert.Equal("rolodex.identity-taken", outcome.Code);
    }

    [Fact]
    public async Task ASlackIdWithoutAWorkspaceIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("slacker", cancellationToken);

        var outcome = await host.RunAsync(person, "rolodex link slack U0SLACKER", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("rolodex.workspace-required", outcome.Code);
    }

    [Fact]
    public async Task ASlackIdWithItsWorkspaceIsLinkedUnderThatWorkspace()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("slack-member", cancellationToken);

        await host.RunAsync(person, "rolodex link slack U0MEMBER --workspace T0TEAM", cancellationToken);

        var me = await host.RunAsync(person, "whoami", cancellationToken);
        Assert.Equal("T0TEAM/U0MEMBER (claimed, not proven)", me.Field("slack"));
    }

    [Fact]
    public async Task AnUnknownServiceIsABadRequest()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("myspacer", cancellationToken);

        var outcome = await host.RunAsync(person, "rolodex link myspace tom", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("rolodex.unknown-service", outcome.Code);
    }

    [Fact]
    public async Task GitHubLoginsAreStoredInLowerCase()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("octo", cancellationToken);

        await host.RunAsync(person, "rolodex link github OctoCat", cancellationToken);

        var me = await host.RunAsync(person, "whoami", cancellationToken);
        Assert.Equal("octocat (claimed, not proven)", me.Field("github"));
    }

    [Fact]
    public async Task AGitHubLoginDifferingOnlyInCaseIsTheSameAccount()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var first = await host.AddPersonAsync("case-first", cancellationToken);
        var second = await host.AddPersonAsync("case-second", cancellationToken);
        await host.RunAsync(first, "rolodex link github MonaLisa", cancellationToken);

        var outcome = await host.RunAsync(second, "rolodex link github monalisa", cancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, outcome.Status);
        Assert.Equal("rolodex.identity-taken", outcome.Code);
    }

    [Fact]
    public async Task ClaimingAnAccountAnAdminAlreadyAssertedKeepsTheAssertion()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("reclaimer", cancellationToken);
        await host.RunAsAdminAsync("rolodex link github reclaimer-gh --for @reclaimer", cancellationToken);

        var relinked = await host.RunAsync(person, "rolodex link github reclaimer-gh", cancellationToken);

        Assert.True(relinked.IsSuccess, relinked.Detail);
        var me = await host.RunAsync(person, "whoami", cancellationToken);
        Assert.Equal("reclaimer-gh (asserted by an admin)", me.Field("github"));
    }

    [Fact]
    public async Task AWorkspaceForAServiceWithoutWorkspacesIsABadRequest()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("no-workspace", cancellationToken);

        var outcome = await host.RunAsync(person, "rolodex link github no-workspace-gh --workspace acme", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("rolodex.workspace-not-used", outcome.Code);
    }

    [Theory]
    [InlineData("call-me-maybe")]
    [InlineData("+++")]
    public async Task APhoneNumberWithoutDigitsIsABadRequest(string number)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("no-phone-" + number.Length, cancellationToken);

        var outcome = await host.RunAsync(person, $"rolodex link phone {number}", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("rolodex.invalid-id", outcome.Code);
    }

    [Fact]
    public async Task APhoneNumberIsStoredAsItsDigits()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("dialer", cancellationToken);

        await host.RunAsync(person, "rolodex link phone \"+49 (30) 1234-567\"", cancellationToken);
        var me = await host.RunAsync(person, "whoami", cancellationToken);

        Assert.Equal("+49301234567 (claimed, not proven)", me.Field("phone"));
    }

    [Fact]
    public async Task AWorkspaceLongerThanTheRolodexKeepsIsABadRequest()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("wide-slacker", cancellationToken);

        var outcome = await host.RunAsync(person, $"rolodex link slack U0WIDE --workspace T{new string('W', 64)}", cancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
    }
}

public sealed class LinkIdentityOnSqliteTests(SqliteHost host) : LinkIdentityTests(host), IClassFixture<SqliteHost>;

public sealed class LinkIdentityOnPostgresTests(PostgresHost host) : LinkIdentityTests(host), IClassFixture<PostgresHost>;
