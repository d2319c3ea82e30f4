using System.Net;
using System.Text.RegularExpressions;
using Switchboard.Testing;

namespace Switchboard.Modules.Deploy.Tests.ShowDeploys;

/// <summary>
/// The console's Deploys page over the real host: deployments run through the script target while the test moves the
/// host's clock, then a signed-in person reads what runs, what ended, a filter, and the week's production figures.
/// </summary>
public sealed partial class DeploysPageTests(DeploysPageHost host) : IClassFixture<DeploysPageHost>
{
    [Fact]
    public async Task ShowsRunningAndLatestDeploymentsAndThisWeeksProductionFigures()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var alice = await DeployHost.MemberAsync(host, "charts-alice", cancellationToken);
        await host.RunAsAdminAsync("person add charts-viewer@example.com --handle charts-viewer", cancellationToken);

        // Ten minutes from request to production, then a failure put right thirty minutes later by a deploy that takes no time.
        var slow = DeployHost.NumberIn(await host.RunAsync(alice, "deploy shop@held to production", cancellationToken));
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await DeployHost.ReleaseAsync(host, slow, cancellationToken);
        await DeployHost.EndedAsync(host, alice, slow, cancellationToken);
        var broken = DeployHost.NumberIn(await host.RunAsync(alice, "deploy shop@broken to production", cancellationToken));
        await DeployHost.EndedAsync(host, alice, broken, cancellationToken);
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        var fixedUp = DeployHost.NumberIn(await host.RunAsync(alice, "deploy shop@v2 to production", cancellationToken));
        await DeployHost.EndedAsync(host, alice, fixedUp, cancellationToken);
        var running = DeployHost.NumberIn(await host.RunAsync(alice, "deploy shop@held to staging", cancellationToken));

        using var browser = await host.SignInAsync("charts-viewer@example.com", cancellationToken);
        var all = await browser.GetAsync("/deploys", cancellationToken);
        var staging = await browser.GetAsync("/deploys?app=SHOP&env=staging", cancellationToken);
        var unknown = await browser.GetAsync("/deploys?app=nope", cancellationToken);
        var nowhere = await browser.GetAsync("/deploys?env=moon", cancellationToken);
        var details = await browser.GetAsync($"/deploys/{broken}", cancellationToken);
        await DeployHost.ReleaseAsync(host, running, cancellationToken);
        await DeployHost.EndedAsync(host, alice, running, cancellationToken);

        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Contains($"<a href=\"/deploys/{running}\">#{running}</a>", Rows(all, "running"), StringComparison.Ordinal);
        Assert.Contains("shop@held to staging", Rows(all, "running"), StringComparison.Ordinal);
        var latest = Rows(all, "latest");
        Assert.True(
            latest.IndexOf($"/deploys/{fixedUp}\"", StringComparison.Ordinal) < latest.IndexOf($"/deploys/{broken}\"", StringComparison.Ordinal)
            && latest.IndexOf($"/deploys/{broken}\"", StringComparison.Ordinal) < latest.IndexOf($"/deploys/{slow}\"", StringComparison.Ordinal),
            "The latest deployments are newest first.");
        Assert.Contains("failed: The deploy script exited with code 1", latest, StringComparison.Ordinal);
        var shop = Text(Section(all, "shop"));
        Assert.Contains("shop in production, the last 8 weeks", shop, StringComparison.Ordinal);
        Assert.Contains("Deployment frequency: successful production deploys per week 2026-W41 0 ", shop, StringComparison.Ordinal);
        Assert.Contains("2026-W47 0 2026-W48 2 Change failure rate", shop, StringComparison.Ordinal);
        Assert.Contains("2026-W48 33% (1/3) Time to restore", shop, StringComparison.Ordinal);
        Assert.Contains("2026-W48 30 min Lead time: median from request to production", shop, StringComparison.Ordinal);
        Assert.EndsWith("2026-W48 5 min", shop.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("Lead time is measured from the deploy's request to its end", shop, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, staging.Status);
        Assert.Contains("shop@held to staging", Rows(staging, "running"), StringComparison.Ordinal);
        Assert.Contains("No deployments of SHOP in staging have ended yet.", staging.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("data-rows=\"latest\"", staging.Html, StringComparison.Ordinal);
        Assert.Contains("data-app=\"shop\"", staging.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-app=\"api\"", staging.Html, StringComparison.Ordinal);
        Assert.Contains("data-app=\"api\"", all.Html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("No app 'nope' is configured for deploys (there are ", unknown.Text, StringComparison.Ordinal);
        Assert.Contains("data-error-code=\"deploy.unknown-app\"", unknown.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.Status);
        Assert.Contains("No app has an environment 'moon' (there are production, staging)", nowhere.Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, details.Status);
        Assert.Contains($"#{broken}: shop@broken to production failed", details.Text, StringComparison.Ordinal);
        Assert.Contains("migration 42 failed", details.Text, StringComparison.Ordinal);
    }

    private static string Rows(ConsolePage page, string name) =>
        Regex.Match(page.Html, $"data-rows=\"{name}\".*?</table>", RegexOptions.Singleline) is { Success: true } match ? match.Value : "";

    private static string Section(ConsolePage page, string app) =>
        Regex.Match(page.Html, $"data-app=\"{app}\".*?</section>", RegexOptions.Singleline) is { Success: true } match ? match.Value : "";

    private static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>The deploy host with one more app, <c>shop</c>, whose production needs neither a second factor nor an approval.</summary>
public sealed class DeploysPageHost : SqliteHost
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = WithShop();

    private static Dictionary<string, string> WithShop()
    {
        var settings = DeployHost.Settings();
        var script = settings["Deploy:Apps:api:Environments:staging:Command"];
        settings["Deploy:Apps:shop:Service"] = "api";
        settings["Deploy:Apps:shop:Pipeline:0"] = "staging";
        settings["Deploy:Apps:shop:Pipeline:1"] = "production";
        settings["Deploy:Apps:shop:Environments:staging:Target"] = "script";
        settings["Deploy:Apps:shop:Environments:staging:Command"] = script;
        settings["Deploy:Apps:shop:Environments:production:Target"] = "script";
        settings["Deploy:Apps:shop:Environments:production:Command"] = script;
        return settings;
    }
}
