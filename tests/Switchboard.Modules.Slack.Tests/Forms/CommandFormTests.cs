using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Emulators.Slack.WebApi;
using Switchboard.Modules.Slack.Tests.Inbound;
using Switchboard.Testing;
using SlackUser = Switchboard.Emulators.Slack.Requests.SlackUser;

namespace Switchboard.Modules.Slack.Tests.Forms;

/// <summary>Commands as Slack modals: opened by <c>/sb form</c> or by a command that missed an argument, sent back, run as the sender.</summary>
public sealed class CommandFormTests(SlackSqliteHost host) : IClassFixture<SlackSqliteHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task AFormRunsItsCommandAsTheSenderAndAnswersWhereItWasOpened()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (ada, slack) = await LinkedAsync("ada", cancellationToken);
        await host.RunAsAdminAsync("team create forms", cancellationToken);
        var responseUrl = host.Responses.NewResponseUrl(slack.TeamId);

        using var asked = await host.Sender.SlashCommandAsync(slack, "form service create", responseUrl, cancellationToken);
        var view = await OpenedViewAsync(1, cancellationToken);
        using var sent = await host.Sender.ViewSubmissionAsync(slack, view, Values(("name", "forms-api"), ("team", "forms"), ("repo", "acme/api, acme/web")), cancellationToken);
        var answer = await host.Responses.WaitForAsync(responseUrl, Patience, cancellationToken);
        var service = await host.RunAsync(ada, "service show forms-api", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Empty(await sent.Content.ReadAsByteArrayAsync(cancellationToken));
        Assert.Equal(
            ["name", "repo", "team", "pagerduty", "sentry", "rollbar", "librato", "channel"],
            view["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "input").Select(b => b!["block_id"]!.GetValue<string>()));
        Assert.Contains("forms-api", SlackHostBase.Shown(answer), StringComparison.Ordinal);
        Assert.Equal("ephemeral", answer.Text("response_type"));
        Assert.True(service.IsSuccess, service.Detail);
        Assert.Contains("acme/web", service.Text, StringComparison.Ordinal);
        Assert.Contains(host.Slack.State.Calls, c => c.Method == "views.open" && c.Status == 200 && c.Error is null);
    }

    [Fact]
    public async Task ACommandThatMissedAnArgumentOffersItsForm()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (_, slack) = await LinkedAsync("bea", cancellationToken);

        var refused = await host.SlashCommandAsync(slack, "team create", cancellationToken);
        var button = refused.Body.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Single();
        var clickedUrl = host.Responses.NewResponseUrl(slack.TeamId);
        using var click = await host.Sender.ButtonClickAsync(slack, button.GetProperty("value").GetString()!, clickedUrl, "C0FORMS001", cancellationToken);
        var view = await OpenedViewAsync(1, cancellationToken, "team create");

        Assert.Contains("team create needs <name>", SlackHostBase.Shown(refused), StringComparison.Ordinal);
        Assert.Equal("Fill in a form", button.GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("name", view["blocks"]![1]!["block_id"]!.GetValue<string>());
        Assert.False(view["blocks"]![1]!["optional"]!.GetValue<bool>());
        Assert.Empty(host.Responses.PostsTo(clickedUrl));
    }

    [Fact]
    public async Task NoFormOpensForACommandThatTakesASecretOrThatDoesNotExist()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (_, slack) = await LinkedAsync("cyd", cancellationToken);
        var opened = host.Slack.State.Calls.Count(c => c.Method == "views.open");

        var secret = await host.SlashCommandAsync(slack, "form vault set", cancellationToken);
        var unknown = await host.SlashCommandAsync(slack, "form launch rockets", cancellationToken);
        var bare = await host.SlashCommandAsync(slack, "form", cancellationToken);

        Assert.Contains("never travels through Slack", SlackHostBase.Shown(secret), StringComparison.Ordinal);
        Assert.Contains("`launch rockets` is not one", SlackHostBase.Shown(unknown), StringComparison.Ordinal);
        Assert.Contains("such as `/sb form service create`", SlackHostBase.Shown(bare), StringComparison.Ordinal);
        Assert.Equal(opened, host.Slack.State.Calls.Count(c => c.Method == "views.open"));
    }

    /// <summary>A positional, a person, a choice (<c>--role</c>), texts and a flag (<c>--admin</c>) between them.</summary>
    [Theory]
    [InlineData("team add")]
    [InlineData("person add")]
    public async Task AFormRendersAsApprovedWithinSlacksLimits(string verb)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (_, slack) = await LinkedAsync("dee-" + verb.Replace(' ', '-'), cancellationToken);

        using var asked = await host.Sender.SlashCommandAsync(slack, "form " + verb, host.Responses.NewResponseUrl(slack.TeamId), cancellationToken);
        var view = await OpenedViewAsync(1, cancellationToken, verb);
        view.Remove("private_metadata");

        Assert.Null(BlockKitLimits.ModalViolation(view));
        ApprovedFile.AssertMatches(view.ToJsonString(Indented) + "\n", "form-" + verb.Replace(' ', '-'));
    }

    private async Task<(TestPerson Person, SlackUser Slack)> LinkedAsync(string name, CancellationToken cancellationToken)
    {
        var person = await host.AddPersonAsync(name, cancellationToken, admin: true);
        var slack = host.NewUser(name);
        await host.LinkAsync(person, slack, cancellationToken);
        return (person, slack);
    }

    /// <summary>The modal of the latest <c>views.open</c> Slack took (whose title is <paramref name="title"/>), as Slack keeps it.</summary>
    private async Task<JsonObject> OpenedViewAsync(int atLeast, CancellationToken cancellationToken, string title = "service create")
    {
        await Eventually.HoldsAsync(() => Opened(title).Count() >= atLeast, cancellationToken);
        return JsonNode.Parse(Opened(title).Last().Arguments["view"])!.AsObject();
    }

    private IEnumerable<SlackCall> Opened(string title) => host.Slack.State.Calls.Where(c =>
        c.Method == "views.open" && c.Error is null && JsonNode.Parse(c.Arguments["view"])!["title"]!["text"]!.GetValue<string>() == title);

    /// <summary>What the person typed, as Slack's <c>state.values</c>: block id, then the element's action id, then its state.</summary>
    private static JsonObject Values(params (string Block, string Typed)[] inputs)
    {
        var values = new JsonObject();
        foreach (var (block, typed) in inputs)
        {
            values[block] = new JsonObject { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = typed } };
        }

        return values;
    }
}
