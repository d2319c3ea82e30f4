using System.Net;
using System.Net.Http.Json;
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

    [Fact]
    public async Task AFilterIsKeptInNormalFormAndSubscribingAgainReplacesOrClearsIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create filtered", cancellationToken);

        var subscribed = await host.RunAsAdminAsync("subscribe github Acme/Api issues --filter \"LABEL:bug AND NOT (Author:dependabot[bot])\" --in #filtered", cancellationToken);
        var first = await host.RunAsAdminAsync("subscriptions #filtered", cancellationToken);
        await host.RunAsAdminAsync("subscribe github acme/api issues pulls --filter 'env:prod or label:\"good first issue\"' --in #filtered", cancellationToken);
        var replaced = await host.RunAsAdminAsync("subscriptions #filtered", cancellationToken);
        await host.RunAsAdminAsync("subscribe github acme/api issues --in #filtered", cancellationToken);
        var cleared = await host.RunAsAdminAsync("subscriptions #filtered", cancellationToken);

        Assert.Equal("#filtered now gets github issues for `Acme/Api` matching `label:bug and not author:dependabot[bot]`.", subscribed.Text);
        Assert.Equal("issues matching `label:bug and not author:dependabot[bot]`", first.Field("github `Acme/Api`"));
        Assert.Equal("issues, pulls matching `environment:prod or label:'good first issue'`", replaced.Field("github `Acme/Api`"));
        Assert.Equal("issues", cleared.Field("github `Acme/Api`"));
    }

    [Theory]
    [InlineData("subscribe github acme/api --filter \"label:bug and\" --in #ops", "Filter error at 14: expected a term after \"and\".")]
    [InlineData("subscribe github acme/api --filter \"label:bug and (author:x or\" --in #ops", "Filter error at 27: expected a term after \"or\".")]
    [InlineData("subscribe github acme/api --filter 'label:\"good first' --in #ops", "Filter error at 7: this quote is never closed.")]
    [InlineData("subscribe github acme/api --filter \"\" --in #ops", "Filter error at 1: the filter is empty; write a term such as label:bug.")]
    public async Task ABadFilterIsRefusedWithWhereItWentWrong(string line, string detail)
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var outcome = await host.RunAsync(host.Admin, line, cancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, "notify.invalid-filter", detail), (outcome.Status, outcome.Code, outcome.Detail));
    }

    [Fact]
    public async Task AFilterOverTheLimitIsRefusedBeforeItIsRead()
    {
        var outcome = await host.RunAsync(host.Admin, $"subscribe github acme/api --filter label:{new string('a', 500)} --in #ops", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, "core.argument-too-long"), (outcome.Status, outcome.Code));
    }

    [Fact]
    public async Task ABadFilterGetsTheSameAnswerAsNamedArguments()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = host.ApiClient(host.Admin);

        using var response = await client.PostAsJsonAsync(
            "/api/commands",
            new { command = "subscribe", arguments = new { source = "github", scope = "acme/api", filter = "label:bug and", @in = "#ops" } },
            cancellationToken);
        var outcome = await ApiOutcome.ReadAsync(response, cancellationToken);

        Assert.Equal(
            (HttpStatusCode.BadRequest, "notify.invalid-filter", "Filter error at 14: expected a term after \"and\"."),
            (outcome.Status, outcome.Code, outcome.Detail));
    }

    [Theory]
    [InlineData("subscribe nagios host-1 --in #ops", HttpStatusCode.BadRequest, "notify.unknown-source")]
    [InlineData("subscribe github acme/api wikis --in #ops", HttpStatusCode.BadRequest, "notify.unknown-feature")]
    [InlineData("subscribe github acme/api", HttpStatusCode.BadRequest, "notify.no-channel")]
    [InlineData("subscribe github acme/api --in #nowhere", HttpStatusCode.NotFound, "notify.unknown-channel")]
    [InlineData("subscribe github acme/api --filter lable:bug --in #ops", HttpStatusCode.BadRequest, "notify.invalid-filter")]
    [InlineData("subscribe github acme/api --filter is:human --in #ops", HttpStatusCode.BadRequest, "notify.invalid-filter")]
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
