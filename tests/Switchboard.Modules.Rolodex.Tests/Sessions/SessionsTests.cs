using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.Sessions;

/// <summary><c>sessions</c> and <c>sessions revoke</c>: where you are signed in to the console, and signing out from anywhere.</summary>
public abstract class SessionsTests(SwitchboardHost host)
{
    [Fact]
    public async Task SessionsListsTheBrowsersSignedInAndForgetsExpiredOnes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("gale", cancellationToken);
        using var browser = await host.SignInAsync("gale@example.com", cancellationToken);

        var signedIn = await host.RunAsync(person, "sessions", cancellationToken);
        host.Clock.Advance(TimeSpan.FromDays(8));
        var later = await host.RunAsync(person, "sessions", cancellationToken);

        Assert.StartsWith("Signed in to the web console in 1 browser:", signedIn.Text, StringComparison.Ordinal);
        Assert.Contains("Chrome on Linux at 127.0.0.1", signedIn.Text, StringComparison.Ordinal);
        Assert.StartsWith("You are not signed in to the web console anywhere.", later.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokingOneSessionByItsShortIdLeavesTheOthers()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("hal", cancellationToken);
        using var first = await host.SignInAsync("hal@example.com", cancellationToken);
        using var second = await host.SignInAsync("hal@example.com", cancellationToken);
        var listed = await host.RunAsync(person, "sessions", cancellationToken);
        var shortId = listed.Body.GetProperty("blocks")[1].GetProperty("fields")[0].GetProperty("name").GetString()!.Trim('`');

        var revoked = await host.RunAsync(person, $"sessions revoke {shortId}", cancellationToken);
        var remaining = await host.RunAsync(person, "sessions", cancellationToken);

        Assert.True(revoked.IsSuccess, $"{revoked.Code}: {revoked.Detail}");
        Assert.StartsWith("Signed in to the web console in 1 browser:", remaining.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(shortId, remaining.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NobodySeesOrRevokesSomeoneElsesSessions()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var owner = await host.AddPersonAsync("ida", cancellationToken);
        var other = await host.AddPersonAsync("jon", cancellationToken);
        using var browser = await host.SignInAsync("ida@example.com", cancellationToken);
        var listed = await host.RunAsync(owner, "sessions", cancellationToken);
        var shortId = listed.Body.GetProperty("blocks")[1].GetProperty("fields")[0].GetProperty("name").GetString()!.Trim('`');

        var theirs = await host.RunAsync(other, "sessions", cancellationToken);
        var attempt = await host.RunAsync(other, $"sessions revoke {shortId}", cancellationToken);
        var stillSignedIn = await browser.GetAsync("/", cancellationToken);

        Assert.StartsWith("You are not signed in", theirs.Text, StringComparison.Ordinal);
        Assert.Equal("rolodex.unknown-session", attempt.Code);
        Assert.Null(stillSignedIn.RedirectedTo);
    }
}

public sealed class SessionsOnSqliteTests(SqliteHost host) : SessionsTests(host), IClassFixture<SqliteHost>;

public sealed class SessionsOnPostgresTests(PostgresHost host) : SessionsTests(host), IClassFixture<PostgresHost>;
