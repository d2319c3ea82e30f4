using System.Net;

namespace Switchboard.Modules.Notify.Tests.Catalog;

/// <summary><c>service create|show|list|edit|delete</c>: the catalog as people keep it.</summary>
public sealed class ServiceCommandsTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    [Fact]
    public async Task TheIssuesOwnExampleCreatesAServiceThatShowAndListAgreeOn()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        var created = await host.RunAsAdminAsync("service create api --team ops --pagerduty PF9KMXH --channel #ops", cancellationToken);
        var shown = await host.RunAsAdminAsync("service show API", cancellationToken);
        var listed = await host.RunAsAdminAsync("service list --team ops", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.StartsWith("Service api added.", created.Text, StringComparison.Ordinal);
        Assert.Contains("There is no team ops in the Rolodex yet", created.Text, StringComparison.Ordinal);
        Assert.Equal(("ops", "#ops", "`PF9KMXH`"), (shown.Field("Team"), shown.Field("Channel"), shown.Field("PagerDuty")));
        Assert.Contains("No open alerts.", shown.Text, StringComparison.Ordinal);
        Assert.Equal("#ops, pagerduty `PF9KMXH`", listed.Field("api"));
    }

    [Fact]
    public async Task EditingChangesOnlyWhatItNamesAndNoneClearsALink()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("service create billing --team payments --repo acme/billing --sentry billing --channel #ops", cancellationToken);

        var edited = await host.RunAsAdminAsync("service edit billing --add-repo acme/invoices --remove-repo ACME/billing --sentry none --rollbar 42", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, edited.Status);
        Assert.Equal(("payments", "#ops", "`acme/invoices`", null, "`42`"),
            (edited.Field("Team"), edited.Field("Channel"), edited.Field("Repositories"), edited.Field("Sentry"), edited.Field("Rollbar")));
    }

    [Fact]
    public async Task OnlyTheOwningTeamAndAdminsMayChangeOrDeleteAService()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var member = await host.AddPersonAsync("mira", cancellationToken);
        var outsider = await host.AddPersonAsync("otto", cancellationToken);
        await host.RunAsAdminAsync("team create search", cancellationToken);
        await host.RunAsAdminAsync("team add search @mira", cancellationToken);
        await host.RunAsync(member, "service create search-api --team search", cancellationToken);

        var refused = await host.RunAsync(outsider, "service edit search-api --channel #ops", cancellationToken);
        var refusedDelete = await host.RunAsync(outsider, "service delete search-api", cancellationToken);
        var allowed = await host.RunAsync(member, "service edit search-api --channel #ops", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "notify.not-service-owner"), (refused.Status, refused.Code));
        Assert.Equal((HttpStatusCode.Forbidden, "notify.not-service-owner"), (refusedDelete.Status, refusedDelete.Code));
        Assert.Equal("#ops", allowed.Field("Channel"));
    }

    [Fact]
    public async Task DeletingAServiceTakesTheSubscriptionsThatNameItAlong()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create doomed-news", cancellationToken);
        await host.RunAsAdminAsync("service create doomed --team ops", cancellationToken);
        await host.RunAsAdminAsync("subscribe sentry service:doomed --in #doomed-news", cancellationToken);

        var deleted = await host.RunAsAdminAsync("service delete doomed", cancellationToken);
        var shown = await host.RunAsync(host.Admin, "service show doomed", cancellationToken);
        var subscriptions = await host.RunAsAdminAsync("subscriptions #doomed-news", cancellationToken);

        Assert.Equal("Service doomed deleted, with 1 subscription to it. Its events now reach only subscriptions to their repositories and ids.", deleted.Text);
        Assert.Equal((HttpStatusCode.NotFound, "notify.unknown-service"), (shown.Status, shown.Code));
        Assert.StartsWith("#doomed-news is not subscribed to anything", subscriptions.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("service create Bad_Name --team ops", HttpStatusCode.BadRequest, "notify.invalid-service-name")]
    [InlineData("service create nameless-team", HttpStatusCode.BadRequest, "notify.no-team")]
    [InlineData("service create lost --team ops --channel #nowhere", HttpStatusCode.NotFound, "notify.unknown-channel")]
    [InlineData("service create odd --team ops --repo not-a-repo", HttpStatusCode.BadRequest, "notify.invalid-service-link")]
    [InlineData("service create odd --team ops --rollbar my-project", HttpStatusCode.BadRequest, "notify.invalid-service-link")]
    [InlineData("service create taken --team ops --repo acme/claimed", HttpStatusCode.Conflict, "notify.link-claimed")]
    [InlineData("service create claimant --team ops", HttpStatusCode.Conflict, "notify.service-exists")]
    [InlineData("service edit ghost --team ops", HttpStatusCode.NotFound, "notify.unknown-service")]
    [InlineData("subscribe sentry service:ghost --in #ops", HttpStatusCode.NotFound, "notify.unknown-service")]
    [InlineData("activity ghost", HttpStatusCode.NotFound, "notify.unknown-service")]
    [InlineData("activity acme/nobodys", HttpStatusCode.NotFound, "notify.unowned-repository")]
    [InlineData("errors claimant --since 3w", HttpStatusCode.BadRequest, "notify.invalid-since")]
    public async Task AMistakeIsNamedAndChangesNothing(string line, HttpStatusCode status, string code)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsync(host.Admin, "service create claimant --team ops --repo acme/claimed", cancellationToken);
        var before = await host.RunAsAdminAsync("service list", cancellationToken);

        var outcome = await host.RunAsync(host.Admin, line, cancellationToken);
        var after = await host.RunAsAdminAsync("service list", cancellationToken);

        Assert.Equal((status, code), (outcome.Status, outcome.Code));
        Assert.Equal(before.Text, after.Text);
    }
}
