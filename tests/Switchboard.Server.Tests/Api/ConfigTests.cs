using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Api;

/// <summary>Configuration as code over <c>/api/config</c>: export, dry run, apply, apply again.</summary>
public sealed class ConfigTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    private const string Document = """
        services:
          - name: checkout
            team: shop
            channel: "#ops"
            repos: [acme/checkout, acme/cart]
            pagerduty: PCHECK1
          - name: search
            team: shop
            sentry: search-web
        subscriptions:
          - source: github
            scope: acme/checkout
            features: [pulls, issues]
            filter: LABEL:bug AND NOT is:bot
            channel: "#deploys"
          - source: sentry
            scope: service:search
            channel: "#ops"
        """;

    [Fact]
    public async Task ADryRunListsTheChangesAndChangesNothingThenApplyingTwiceChangesNothingTheSecondTime()
    {
        // The document is the whole truth, so what other tests of this host made shows up as deletions.
        var cancellationToken = TestContext.Current.CancellationToken;

        var dryRun = await ApplyAsync(Document, dryRun: true, cancellationToken);
        var untouched = await host.RunAsAdminAsync("service list --team shop", cancellationToken);
        var applied = await ApplyAsync(Document, dryRun: false, cancellationToken);
        var again = await ApplyAsync(Document, dryRun: false, cancellationToken);
        var shown = await host.RunAsAdminAsync("service show checkout", cancellationToken);

        Assert.Equal(
            ["create service checkout: team shop, channel #ops, repo acme/checkout, repo acme/cart, pagerduty PCHECK1",
             "create service search: team shop, channel none, sentry search-web",
             "create subscription github acme/checkout → #deploys: features issues pulls, filter `label:bug and not is:bot`",
             "create subscription sentry service:search → #ops: features issues alerts"],
            Changes(dryRun).Where(c => !c.StartsWith("delete ", StringComparison.Ordinal)));
        Assert.False(dryRun.GetProperty("applied").GetBoolean());
        Assert.Equal("Team shop owns no services.", untouched.Text);
        Assert.Equal(Changes(dryRun), Changes(applied));
        Assert.Empty(Changes(again));
        Assert.Equal("`acme/cart`, `acme/checkout`", shown.Field("Repositories"));
    }

    [Fact]
    public async Task TheExportAppliesBackAsIsAndAnEditedExportMovesALinkBetweenServices()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("service create ledger --team money --repo acme/ledger --channel #ops", cancellationToken);
        await host.RunAsAdminAsync("service create payouts --team money", cancellationToken);
        await host.RunAsAdminAsync("subscribe github acme/ledger pulls releases --in #ops", cancellationToken);
        using var http = host.ApiClient(host.Admin);

        var exported = await http.GetStringAsync("/api/config", cancellationToken);
        var roundTrip = await ApplyAsync(exported, dryRun: true, cancellationToken);
        var moved = exported
            .Replace("  repos:\n  - acme/ledger\n", "", StringComparison.Ordinal)
            .Replace("- name: payouts\n  team: money\n", "- name: payouts\n  team: money\n  repos:\n  - acme/ledger\n", StringComparison.Ordinal);
        var move = await ApplyAsync(moved, dryRun: false, cancellationToken);
        var payouts = await host.RunAsAdminAsync("service show payouts", cancellationToken);

        Assert.Contains("- name: ledger\n  team: money\n  channel: '#ops'\n  repos:\n  - acme/ledger\n", exported, StringComparison.Ordinal);
        Assert.Empty(Changes(roundTrip));
        Assert.Equal(["update service ledger: - repo acme/ledger", "update service payouts: + repo acme/ledger"], Changes(move));
        Assert.Equal("`acme/ledger`", payouts.Field("Repositories"));
    }

    [Theory]
    [InlineData("services:\n  - name: x\n    colour: red\n", HttpStatusCode.BadRequest, "config.invalid-yaml", "line 3")]
    [InlineData("services: [", HttpStatusCode.BadRequest, "config.invalid-yaml", "line 2, column 1")]
    [InlineData("services:\n  - name: Bad Name\n    team: t\n", HttpStatusCode.BadRequest, "notify.invalid-service-name", "services[0] (Bad Name)")]
    [InlineData("services:\n  - name: a\n    team: t\n    repos: [acme/x]\n  - name: b\n    team: t\n    repos: [ACME/X]\n", HttpStatusCode.BadRequest, "config.link-claimed-twice", "services[1] (b)")]
    [InlineData("subscriptions:\n  - source: nagios\n    scope: h\n    channel: '#ops'\n", HttpStatusCode.BadRequest, "notify.unknown-source", "subscriptions[0] (nagios h)")]
    [InlineData("subscriptions:\n  - source: github\n    scope: a/b\n    channel: '#nowhere'\n", HttpStatusCode.NotFound, "notify.unknown-channel", "subscriptions[0]")]
    [InlineData("subscriptions:\n  - source: github\n    scope: a/b\n    filter: label:bug and\n    channel: '#ops'\n", HttpStatusCode.BadRequest, "notify.invalid-filter", "subscriptions[0] (github a/b): Filter error at 14")]
    public async Task ABadDocumentIsRefusedWithWhereAndChangesNothing(string document, HttpStatusCode status, string code, string where)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var http = host.ApiClient(host.Admin);
        var before = await http.GetStringAsync("/api/config", cancellationToken);

        var outcome = await ApiOutcome.ReadAsync(await PostAsync(http, document, dryRun: false, cancellationToken), cancellationToken);

        Assert.Equal((status, code), (outcome.Status, outcome.Code));
        Assert.Contains(where, outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await http.GetStringAsync("/api/config", cancellationToken));
    }

    [Fact]
    public async Task OnlyAdministratorsMayApplyButAnyoneMayExport()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("nadia", cancellationToken);
        using var http = host.ApiClient(person);

        var export = await http.GetAsync("/api/config", cancellationToken);
        var apply = await ApiOutcome.ReadAsync(await PostAsync(http, "services: []\n", dryRun: false, cancellationToken), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/yaml", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal((HttpStatusCode.Forbidden, "config.admins-only"), (apply.Status, apply.Code));
    }

    private async Task<JsonElement> ApplyAsync(string document, bool dryRun, CancellationToken cancellationToken)
    {
        using var http = host.ApiClient(host.Admin);
        var response = await PostAsync(http, document, dryRun, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string document, bool dryRun, CancellationToken cancellationToken) =>
        http.PostAsync($"/api/config?dryRun={(dryRun ? "true" : "false")}", new StringContent(document, Encoding.UTF8, "application/yaml"), cancellationToken);

    private static List<string> Changes(JsonElement plan) =>
        [.. plan.GetProperty("changes").EnumerateArray().Select(c =>
            $"{c.GetProperty("action").GetString()} {c.GetProperty("kind").GetString()} {c.GetProperty("name").GetString()}"
            + (c.GetProperty("details").GetArrayLength() == 0 ? "" : ": " + string.Join(", ", c.GetProperty("details").EnumerateArray().Select(d => d.GetString())))
        )];
}
