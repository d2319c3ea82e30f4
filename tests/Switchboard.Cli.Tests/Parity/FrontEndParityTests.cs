using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchboard.Emulators.Slack.Requests;
using Switchboard.Testing;

namespace Switchboard.Cli.Tests.Parity;

/// <summary>
/// Every example of every command, and every line of the paging commands, run through each front end that offers it
/// (the HTTP API, the web console's form, the real sb executable and Slack's <c>/sb</c>), each on its own installation
/// set up the same way, must give the same reply: the same structured reply through the console and sb, the same
/// content through Slack (<see cref="ShownContent"/>), and a visible refusal through a front end that does not offer
/// the command. What legitimately differs (secrets, ids, the front end's own name) is masked; nothing else is. It
/// lives beside sb's tests because it runs sb.
/// </summary>
public sealed partial class FrontEndParityTests
{
    private static readonly JsonSerializerOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task EveryCommandRepliesAlikeThroughTheApiTheConsoleTheCliAndSlack()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var slackResponses = await SlackResponseRecorder.StartAsync(cancellationToken);
        var (apiHost, apiConsole) = await FreshInstallationAsync(cancellationToken);
        var (consoleHost, console) = await FreshInstallationAsync(cancellationToken);
        var (cliHost, cliConsole) = await FreshInstallationAsync(cancellationToken);
        var (slackHost, slackConsole) = await FreshInstallationAsync(cancellationToken);
        await using var apiInstallation = apiHost;
        await using var consoleInstallation = consoleHost;
        await using var cliInstallation = cliHost;
        await using var slackInstallation = slackHost;
        using var apiSignIn = apiConsole;
        using var consoleSignIn = console;
        using var cliSignIn = cliConsole;
        using var slackSignIn = slackConsole;
        using var sb = new Sb { Url = cliHost.BaseAddress, Token = cliHost.Admin.Token };

        using var catalogueClient = apiHost.ApiClient(apiHost.Admin);
        var catalogue = await catalogueClient.GetFromJsonAsync<JsonElement>("/api/commands", cancellationToken);
        var differences = new StringBuilder();
        var notOnSlack = catalogue.EnumerateArray().Where(c => !OfferedOn(c).Contains("slack")).Select(c => c.GetProperty("verb").GetString()!).ToList();

        async Task<ApiOutcome> RunEverywhereAsync(string verb, string line, IReadOnlySet<string> offeredOn)
        {
            var outcome = await apiHost.RunAsync(apiHost.Admin, line, cancellationToken);
            var viaApi = Outcome(outcome);
            if (offeredOn.Contains("web"))
            {
                Compare(differences, line, "web console", viaApi, await RunInConsoleAsync(consoleHost, console, line, cancellationToken));
            }

            if (offeredOn.Contains("cli"))
            {
                Compare(differences, line, "sb", viaApi, await RunInCliAsync(sb, line, cancellationToken));
            }

            var inSlack = await slackHost.SlashCommandAsync(slackResponses, line, cancellationToken);
            var shown = ShownContent.OfSlackMessage(inSlack.Body);
            if (verb == "events" && !line.Contains("--", StringComparison.Ordinal))
            {
                // Slack's front end logs each request before answering it, so on the installation driven through Slack the
                // whole log lists those requests, newest first, where the others list none: it must show them.
                if (inSlack.Text("text")?.Contains("slack `slash_command`", StringComparison.Ordinal) != true)
                {
                    differences.AppendLine(CultureInfo.InvariantCulture, $"> {line}\n  the log of Slack's installation should list Slack's requests, yet Slack showed: {inSlack.Text("text")}\n");
                }
            }
            else if (offeredOn.Contains("slack"))
            {
                // help lists only the commands that the front end it is asked from offers.
                var expected = outcome.IsSuccess ? ShownContent.OfApiReply(outcome.Body, verb == "help" ? notOnSlack : []) : ShownContent.OfApiError(outcome.Detail!);
                Compare(differences, line, "slack", expected, shown);
            }
            else
            {
                if (!shown.StartsWith("error: ", StringComparison.Ordinal) || inSlack.Text("text")?.Contains("not offered", StringComparison.Ordinal) != true)
                {
                    differences.AppendLine(CultureInfo.InvariantCulture, $"> {line}\n  not offered on chat, yet Slack showed: {inSlack.Text("text")}\n");
                }

                // Run where it is offered, as the person then would, so this installation stays in step with the others.
                await slackHost.RunAsync(slackHost.Admin, line, cancellationToken);
            }

            return outcome;
        }

        var examples = 0;
        foreach (var command in catalogue.EnumerateArray())
        {
            foreach (var example in command.GetProperty("examples").EnumerateArray().Select(e => e.GetString()!))
            {
                examples++;
                await RunEverywhereAsync(command.GetProperty("verb").GetString()!, example, OfferedOn(command));
            }
        }

        // The paging commands act on PagerDuty as the person, so no example can run on a fresh installation: their lines
        // run once every installation's PagerDuty knows the incident, the service and the people they name.
        foreach (var installation in new[] { apiHost, consoleHost, cliHost, slackHost })
        {
            await installation.PreparePagingAsync(cancellationToken);
        }

        var paging = catalogue.EnumerateArray().Where(c => c.GetProperty("module").GetString() == "paging").ToList();
        var pagingLines = paging
            .SelectMany(c => c.GetProperty("variants").EnumerateArray().Select(v => (Verb: c.GetProperty("verb").GetString()!, Line: v.GetString()!, OfferedOn: OfferedOn(c))))
            // Nothing acts on a resolved incident, so the line that resolves it runs last.
            .OrderBy(l => l.Verb == "pages resolve")
            .ToList();
        var pagingFailures = new List<string>();
        foreach (var (verb, line, offeredOn) in pagingLines)
        {
            if (await RunEverywhereAsync(verb, line, offeredOn) is { IsSuccess: false } failed)
            {
                pagingFailures.Add($"{line}: {failed.Code}: {failed.Detail}");
            }
        }

        Assert.True(examples > 20, $"Only {examples} examples were found; is the catalogue complete?");
        Assert.True(paging.Count >= 10 && paging.All(c => pagingLines.Any(l => l.Verb == c.GetProperty("verb").GetString())), "Every paging command needs a line (a variant) for the parity test to run.");
        Assert.True(pagingFailures.Count == 0, "The prepared installations should let every paging line work:\n" + string.Join('\n', pagingFailures));
        Assert.True(differences.Length == 0, differences.ToString());
    }

    /// <summary>A new installation whose administrator has signed in to the console once, the same on every host.</summary>
    private static async Task<(ParityInstallation Host, ConsoleSession Console)> FreshInstallationAsync(CancellationToken cancellationToken)
    {
        var host = await ParityInstallation.StartAsync(cancellationToken);
        return (host, await host.SignInAsync("admin@example.com", cancellationToken));
    }

    private static HashSet<string> OfferedOn(JsonElement command) =>
        command.GetProperty("offeredOn").EnumerateArray().Select(f => f.GetString()!).ToHashSet();

    private static async Task<string> RunInConsoleAsync(ParityInstallation host, ConsoleSession console, string line, CancellationToken cancellationToken)
    {
        // 'sessions revoke --all' signs the console out too; a person signs in again, and so does the test.
        if ((await console.GetAsync("/", cancellationToken)).RedirectedTo is not null)
        {
            await console.SignInAsync(await host.SignInLinkForAsync("admin", cancellationToken), cancellationToken);
        }

        var page = await console.RunAsync(line, cancellationToken);
        return page.LastReply is { } reply ? Reply(reply) : $"{(int)page.Status} {page.LastErrorCode}";
    }

    private static async Task<string> RunInCliAsync(Sb sb, string line, CancellationToken cancellationToken)
    {
        var result = await sb.RunAsync(["--json", .. ShellWords(line)], cancellationToken);
        using var body = JsonDocument.Parse(result.Output);
        return result.ExitCode == 0
            ? Reply(body.RootElement)
            : $"{body.RootElement.GetProperty("status").GetInt32()} {body.RootElement.GetProperty("code").GetString()}";
    }

    private static string Outcome(ApiOutcome outcome) =>
        outcome.IsSuccess ? Reply(outcome.Body) : $"{(int)outcome.Status} {outcome.Code}";

    /// <summary>A reply's severity and blocks, canonically written, with what must differ masked.</summary>
    private static string Reply(JsonElement reply)
    {
        var canonical = new JsonObject
        {
            ["severity"] = JsonNode.Parse(reply.GetProperty("severity").GetRawText()),
            ["blocks"] = JsonNode.Parse(reply.GetProperty("blocks").GetRawText()),
        }.ToJsonString(Canonical);
        return FrontEndName().Replace(ParityMasks.Apply(canonical), "${field}<front end>\"");
    }

    private static void Compare(StringBuilder differences, string line, string frontEnd, string viaApi, string viaFrontEnd)
    {
        if (viaApi != viaFrontEnd)
        {
            differences.AppendLine(CultureInfo.InvariantCulture, $"> {line}\n  api:   {viaApi}\n  {frontEnd}: {viaFrontEnd}\n");
        }
    }

    /// <summary>The words a shell makes of a command line: split at spaces, double quotes group and are removed.</summary>
    private static IEnumerable<string> ShellWords(string line) =>
        ShellWord().Matches(line).Select(m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Value);

    [GeneratedRegex("(?<field>\"name\":\"Signed in through\",\"value\":\")(api|web|cli)\"")]
    private static partial Regex FrontEndName();

    [GeneratedRegex("\"(?<quoted>[^\"]*)\"|[^\\s\"]+")]
    private static partial Regex ShellWord();
}
