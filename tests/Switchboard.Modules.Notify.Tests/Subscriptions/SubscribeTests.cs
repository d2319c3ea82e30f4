using System.Net;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.Subscriptions;

/// <summary><c>subscribe</c>, <c>unsubscribe</c> and <c>subscriptions</c>: which channel hears about what.</summary>
public sealed class SubscribeTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task SubscribingAgainChangesTheFeaturesInsteadOfAddingASecondSubscription()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create again", cancellationToken);

        await host.RunAsAdminAsync("subscribe github Acme/Api issues --in #again", cancellationToken);
        var changed = await host.RunAsAdminAsync("subscribe github acme/api pulls releases --in #again", cancellationToken);
        var listed = await host.RunAsAdminAsync("subscriptions #again", cancellationToken);

        Assert.EndsWith("instead of what it got before.", changed.Text, StringComparison.Ordinal);
        Assert.Equal("pulls, releases", listed.Field("github `Acme/Api`"));
    }

    [Fact]
    public async Task NamingNothingSubscribesToEverythingTheSourceSends()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create everything", cancellationToken);

        await host.RunAsAdminAsync("subscribe sentry backend --in #everything", cancellationToken);
        var listed = await host.RunAsAdminAsync("subscriptions #everything", cancellationToken);

        Assert.Equal("issues, alerts", listed.Field("sentry `backend`"));
    }

    [Theory]
    [InlineData("subscribe nagios host-1 --in #ops", HttpStatusCode.BadRequest, "notify.unknown-source")]
    [InlineData("subscribe github acme/api wikis --in #ops", HttpStatusCode.BadRequest, "notify.unknown-feature")]
    [InlineData("subscribe github acme/api", HttpStatusCode.BadRequest, "notify.no-channel")]
    [InlineData("subscribe github acme/api --in #nowhere", HttpStatusCode.NotFound, "notify.unknown-channel")]
    [InlineData("unsubscribe github never/subscribed --in #ops", HttpStatusCode.NotFound, "notify.not-subscribed")]
    public async Task AMistakeIsNamedAndChangesNothing(string line, HttpStatusCode status, string code)
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var outcome = await host.RunAsync(host.Admin, line, cancellationToken);
        var ops = await host.RunAsAdminAsync("subscriptions #ops", cancellationToken);

        Assert.Equal((status, code), (outcome.Status, outcome.Code));
        Assert.StartsWith("#ops is not subscribed to anything", ops.Text, StringComparison.Ordinal);
    }
}
