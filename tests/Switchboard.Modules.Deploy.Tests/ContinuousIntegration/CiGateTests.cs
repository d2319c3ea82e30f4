using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Switchboard.Modules.Deploy.Tests.ContinuousIntegration;

/// <summary>
/// The CI gate of <c>web</c> in staging (contexts <c>ci/build</c> and <c>tests</c> of <c>octo/web</c>), read from the GitHub
/// emulator with the requester's own token from <c>rolodex connect github</c>: commit statuses and check runs must both
/// be green, and <c>--force</c> passes red CI only, into the audit log and the security channel.
/// </summary>
public sealed partial class CiGateTests(DeploySqliteHost host) : IClassFixture<DeploySqliteHost>
{
    private const string CiToken = "ghp_ci0000000000000000000000000000000000";

    [Fact]
    public async Task RedCiStopsADeployAndForcePassesItIntoTheAuditLogAndTheSecurityChannel()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var kim = await DeployHost.MemberAsync(host, "ci-kim", cancellationToken);
        await ConnectGitHubAsync("ci-kim", cancellationToken);
        host.GitHub.State.AddToken(CiToken, "octo/web");
        await ReportStatusAsync("red", "ci/build", "success", cancellationToken);
        await ReportCheckRunAsync("red", "tests", "failure", cancellationToken);

        var refused = await host.RunAsync(kim, "deploy web@red to staging", cancellationToken);
        var forced = await host.RunAsync(kim, "deploy web@red to staging --force", cancellationToken);
        var id = DeployHost.NumberIn(forced);
        await DeployHost.EndedAsync(host, kim, id, cancellationToken);
        var audit = await host.RunAsAdminAsync("audit tail --count 20", cancellationToken);
        var security = await DeployHost.MessagesAsync(host, "security", "deploy web@red to staging with --force", cancellationToken);
        var shown = await host.RunAsync(kim, $"deploys show {id}", cancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "deploy.ci-not-green"), (refused.Status, refused.Code));
        Assert.Equal("CI is not green on red: tests is failure. Fix the build, or add --force to deploy anyway (audited and reported).", refused.Detail);
        Assert.True(
            audit.Text!.Contains($"{kim.Id} succeeded: deploy web@red to staging with --force: CI is not green on red: tests is failure.", StringComparison.Ordinal),
            audit.Text);
        Assert.Contains(security, m => m.Contains("deploy web@red to staging with --force", StringComparison.Ordinal));
        Assert.Contains("Forced past CI: yes", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GreenStatusesAndCheckRunsLetADeployThroughAndAMissingContextDoesNot()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await DeployHost.ArrangeCatalogAsync(host, cancellationToken);
        var lee = await DeployHost.MemberAsync(host, "ci-lee", cancellationToken);
        await ConnectGitHubAsync("ci-lee", cancellationToken);
        host.GitHub.State.AddToken(CiToken + "2", "octo/web");
        await ReportStatusAsync("partial", "ci/build", "success", cancellationToken, CiToken + "2");
        await ReportStatusAsync("green", "ci/build", "failure", cancellationToken, CiToken + "2");
        await ReportStatusAsync("green", "ci/build", "success", cancellationToken, CiToken + "2");
        await ReportCheckRunAsync("green", "tests", "success", cancellationToken, CiToken + "2");

        var missing = await host.RunAsync(lee, "deploy web@partial to staging", cancellationToken);
        var green = await host.RunAsync(lee, "deploy web@green to staging", cancellationToken);
        var shown = await DeployHost.EndedAsync(host, lee, DeployHost.NumberIn(green), cancellationToken);

        Assert.Equal("deploy.ci-not-green", missing.Code);
        Assert.Contains("tests has not reported", missing.Detail, StringComparison.Ordinal);
        Assert.Contains("web@green to staging succeeded", shown.Text, StringComparison.Ordinal);
    }

    /// <summary>The person connects GitHub in the console, as <c>rolodex connect github</c> sends them to.</summary>
    private async Task ConnectGitHubAsync(string handle, CancellationToken cancellationToken)
    {
        host.GitHub.State.OAuth.SignedIn = host.GitHub.State.AddUser(handle);
        using var browser = await host.SignInAsync($"{handle}@example.com", cancellationToken);
        var page = await browser.GetAsync("/connect/github", cancellationToken);
        var started = await browser.SubmitAsync("/connect/github", page, [], cancellationToken);
        var authorize = AuthorizeLink().Match(started.Html);
        Assert.True(authorize.Success, $"Connect sent the browser nowhere:\n{started.Html}");
        using var atGitHub = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var authorized = await atGitHub.GetAsync(new Uri(WebUtility.HtmlDecode(authorize.Groups[1].Value)), cancellationToken);
        var back = await browser.GetAsync(authorized.Headers.Location!.PathAndQuery, cancellationToken);
        Assert.True(back.Status == HttpStatusCode.OK, $"The callback answered {back.Status}");
    }

    private async Task ReportStatusAsync(string reference, string context, string state, CancellationToken cancellationToken, string token = CiToken)
    {
        using var ci = CiClient(token);
        using var response = await ci.PostAsJsonAsync($"repos/octo/web/statuses/{reference}", new { state, context }, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task ReportCheckRunAsync(string reference, string name, string conclusion, CancellationToken cancellationToken, string token = CiToken)
    {
        using var ci = CiClient(token);
        using var response = await ci.PostAsJsonAsync("repos/octo/web/check-runs", new { name, head_sha = reference, status = "completed", conclusion }, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private HttpClient CiClient(string token)
    {
        var client = new HttpClient { BaseAddress = host.GitHub.ApiUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex("href=\"([^\"]+)\" data-authorize")]
    private static partial Regex AuthorizeLink();
}
