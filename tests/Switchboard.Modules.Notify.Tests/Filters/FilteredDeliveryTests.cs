using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Modules.Notify.Tests.Hooks;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.Filters;

/// <summary>
/// A filtered subscription end to end: GitHub's deliveries, signed, through <c>POST /hooks/github</c>,
/// and what each channel shows in <c>GET /api/channels/{name}/messages</c>.
/// </summary>
public sealed class FilteredDeliveryTests(FilteredDeliveryTests.HooksHost host) : IClassFixture<FilteredDeliveryTests.HooksHost>
{
    private const string Secret = "It's a Secret to Everybody";

    [Fact]
    public async Task OnlyWhatTheFilterMatchesReachesTheFilteredChannel()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create triage", cancellationToken);
        await host.RunAsAdminAsync("channel create everything", cancellationToken);
        await host.RunAsAdminAsync("subscribe github Codertocat/Hello-World issues pulls --filter \"label:bug and not author:dependabot[bot]\" --in #triage", cancellationToken);
        await host.RunAsAdminAsync("subscribe github Codertocat/Hello-World issues pulls --in #everything", cancellationToken);

        await PostAsync("pull_request", DependabotsPullRequest(), "delivery-dependabot-pr", cancellationToken);
        await PostAsync("issues", Deliveries.Payload("github/issues/labeled.payload.json"), "delivery-bug-labeled", cancellationToken);
        await PostAsync("pull_request", Deliveries.Payload("github/pull_request/opened.payload.json"), "delivery-person-pr", cancellationToken);

        // Events are routed in the order they were logged, so once the last has arrived everywhere, all have been routed.
        var everything = await MessagesEventuallyAsync("everything", 3, cancellationToken);
        var triage = await MessagesEventuallyAsync("triage", 2, cancellationToken);
        Assert.StartsWith("dependabot[bot] opened pull request [#2 Update the README with new information.]", everything[0], StringComparison.Ordinal);
        Assert.Equal(2, triage.Count);
        Assert.StartsWith("Codertocat added label `bug` to issue [#1 Spelling error in the README file]", triage[0], StringComparison.Ordinal);
        Assert.StartsWith("Codertocat opened pull request [#2 Update the README with new information.]", triage[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFilterCanPickBotAuthorsOut()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create robots", cancellationToken);
        await host.RunAsAdminAsync("subscribe github codertocat pulls --filter is:bot --in #robots", cancellationToken);

        await PostAsync("pull_request", Deliveries.Payload("github/pull_request/reopened.payload.json"), "delivery-person-reopened", cancellationToken);
        await PostAsync("pull_request", DependabotsPullRequest(), "delivery-dependabot-pr-for-robots", cancellationToken);

        var robots = await MessagesEventuallyAsync("robots", 1, cancellationToken);
        Assert.StartsWith("dependabot[bot] opened pull request", Assert.Single(robots), StringComparison.Ordinal);
    }

    /// <summary>
    /// GitHub's own pull_request.opened example, opened by Dependabot instead: its account as GitHub's API
    /// shows it (a <c>Bot</c> named <c>dependabot[bot]</c>) as both the pull request's author and the sender.
    /// </summary>
    private static byte[] DependabotsPullRequest()
    {
        var payload = JsonNode.Parse(Deliveries.Payload("github/pull_request/opened.payload.json"))!;
        JsonNode Dependabot() => new JsonObject
        {
            ["login"] = "dependabot[bot]",
            ["id"] = 49699333,
            ["node_id"] = "MDM6Qm90NDk2OTkzMzM=",
            ["html_url"] = "https://github.com/apps/dependabot",
            ["type"] = "Bot",
            ["site_admin"] = false,
        };
        payload["pull_request"]!["user"] = Dependabot();
        payload["sender"] = Dependabot();
        return JsonSerializer.SerializeToUtf8Bytes(payload);
    }

    private async Task PostAsync(string eventType, byte[] body, string delivery, CancellationToken cancellationToken)
    {
        using var http = host.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-GitHub-Event", eventType);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Deliveries.HexHmac(Secret, body));
        using var response = await http.SendAsync(request, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<IReadOnlyList<string>> MessagesEventuallyAsync(string channel, int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        using var http = host.ApiClient(host.Admin);
        while (true)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/channels/{channel}/messages", deadline.Token);
            var messages = page.EnumerateArray().Select(m => m.GetProperty("text").GetString()!).ToList();
            if (messages.Count >= count)
            {
                return messages;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    public sealed class HooksHost : SqliteHost
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Hooks:github:Secrets:0"] = Secret,
        };
    }
}
