using System.Net;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.WebConsole;

/// <summary>The Events and Failed deliveries pages answer bad filters, unknown events and non-admins with their specific 4xx.</summary>
public sealed class OperatorPagesTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task EveryoneSeesEventsButOnlyAdministratorsSeeFailedDeliveriesOrAReplayForm()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.AddPersonAsync("pages-member", cancellationToken);
        using var member = await host.SignInAsync("pages-member@example.com", cancellationToken);
        using var admin = await host.SignInAsync("admin@example.com", cancellationToken);

        var events = await member.GetAsync("/events", cancellationToken);
        var failedForMember = await member.GetAsync("/deliveries/failed", cancellationToken);
        var failedForAdmin = await admin.GetAsync("/deliveries/failed", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, events.Status);
        Assert.Contains("No events in the last 24h.", events.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/deliveries/failed\"", events.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, failedForMember.Status);
        Assert.Contains("core.permission-denied", failedForMember.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, failedForAdmin.Status);
        Assert.Contains("No delivery has failed.", failedForAdmin.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/deliveries/failed\"", failedForAdmin.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/events?service=nowhere", HttpStatusCode.NotFound, "notify.unknown-service")]
    [InlineData("/events?since=3w", HttpStatusCode.BadRequest, "console.invalid-since")]
    [InlineData("/events/987654321", HttpStatusCode.NotFound, "notify.unknown-event")]
    public async Task AFilterOrEventThatCannotBeShownGetsItsOwnStatus(string path, HttpStatusCode status, string code)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var admin = await host.SignInAsync("admin@example.com", cancellationToken);

        var page = await admin.GetAsync(path, cancellationToken);

        Assert.Equal(status, page.Status);
        Assert.Contains($"data-error-code=\"{code}\"", page.Html, StringComparison.Ordinal);
    }
}
