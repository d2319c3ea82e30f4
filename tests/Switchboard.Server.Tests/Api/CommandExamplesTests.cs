using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Api;

/// <summary>
/// Runs every example that every command declares, in catalogue order, through <c>POST /api/commands</c>
/// as the administrator, and compares the replies with the reviewed <c>CommandExamples.approved.txt</c>.
/// One GitHub event is in the log first, for the examples of <c>events</c> to show and replay.
/// </summary>
public sealed class CommandExamplesTests(CommandExamplesTests.ExamplesHost host) : IClassFixture<CommandExamplesTests.ExamplesHost>
{
    [Fact]
    public async Task EveryDeclaredExampleWorksAndRepliesAsApproved()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.PostGitHubAsync(Webhooks.Fixture("github/issues/opened.payload.json"), "issues", "example-delivery-1", ExamplesHost.Secret, cancellationToken);
        await host.EventuallyAsync("example-delivery-1", "handled", cancellationToken);
        using var client = host.ApiClient(host.Admin);
        var catalogue = await client.GetFromJsonAsync<JsonElement>("/api/commands", cancellationToken);
        var transcript = new StringBuilder();
        var failures = new List<string>();

        foreach (var command in catalogue.EnumerateArray())
        {
            foreach (var example in command.GetProperty("examples").EnumerateArray().Select(e => e.GetString()!))
            {
                var outcome = await host.RunAsync(host.Admin, example, cancellationToken);
                if (!outcome.IsSuccess)
                {
                    failures.Add($"{example}: {outcome.Code}: {outcome.Detail}");
                }

                transcript.Append("> ").AppendLine(example)
                    .AppendLine(outcome.IsSuccess ? outcome.Text : $"{(int)outcome.Status} {outcome.Code}: {outcome.Detail}")
                    .AppendLine();
            }
        }

        Assert.Empty(failures);
        ApprovedFile.AssertMatches(Masks.Apply(transcript.ToString()), "CommandExamples");
    }

    public sealed class ExamplesHost : SqliteHost
    {
        public const string Secret = "examples-secret";

        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Hooks:github:Secrets:0"] = Secret,

            // Deployments that stay under way while the examples run, so that what they show does not depend on timing.
            ["Deploy:Apps:api:Service"] = "api",
            ["Deploy:Apps:api:Pipeline:0"] = "review",
            ["Deploy:Apps:api:Pipeline:1"] = "staging",
            ["Deploy:Apps:api:Pipeline:2"] = "production",
            ["Deploy:Apps:api:Environments:review:Target"] = "script",
            ["Deploy:Apps:api:Environments:review:Command"] = "sleep 600",
            ["Deploy:Apps:api:Environments:staging:Target"] = "script",
            ["Deploy:Apps:api:Environments:staging:Command"] = "sleep 600",
            ["Deploy:Apps:api:Environments:production:Target"] = "script",
            ["Deploy:Apps:api:Environments:production:Command"] = "sleep 600",
        };
    }
}
