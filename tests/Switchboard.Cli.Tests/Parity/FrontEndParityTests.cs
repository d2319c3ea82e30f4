using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchboard.Testing;

namespace Switchboard.Cli.Tests.Parity;

/// <summary>
/// Every example of every command, run through each front end that offers it (the HTTP API, the web
/// console's form and the real sb executable), each on a fresh installation set up the same way,
/// must give the same structured reply. What legitimately differs (secrets, ids, the front end's own
/// name) is masked; nothing else is. It lives beside sb's tests because it runs sb.
/// </summary>
public sealed partial class FrontEndParityTests
{
    private static readonly JsonSerializerOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task EveryExampleRepliesAlikeThroughTheApiTheConsoleAndTheCli()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (apiHost, apiConsole) = await FreshInstallationAsync(cancellationToken);
        var (consoleHost, console) = await FreshInstallationAsync(cancellationToken);
        var (cliHost, cliConsole) = await FreshInstallationAsync(cancellationToken);
        await using var apiInstallation = apiHost;
        await using var consoleInstallation = consoleHost;
        await using var cliInstallation = cliHost;
        using var apiSignIn = apiConsole;
        using var consoleSignIn = console;
        using var cliSignIn = cliConsole;
        using var sb = new Sb { Url = cliHost.BaseAddress, Token = cliHost.Admin.Token };

        using var catalogueClient = apiHost.ApiClient(apiHost.Admin);
        var catalogue = await catalogueClient.GetFromJsonAsync<JsonElement>("/api/commands", cancellationToken);
        var differences = new StringBuilder();
        var examples = 0;
        foreach (var command in catalogue.EnumerateArray())
        {
            var offeredOn = command.GetProperty("offeredOn").EnumerateArray().Select(f => f.GetString()).ToHashSet();
            foreach (var example in command.GetProperty("examples").EnumerateArray().Select(e => e.GetString()!))
            {
                examples++;
                var viaApi = Outcome(await apiHost.RunAsync(apiHost.Admin, example, cancellationToken));
                if (offeredOn.Contains("web"))
                {
                    var viaConsole = await RunInConsoleAsync(consoleHost, console, example, cancellationToken);
                    Compare(differences, example, "web console", viaApi, viaConsole);
                }

                if (offeredOn.Contains("cli"))
                {
                    var viaCli = await RunInCliAsync(sb, example, cancellationToken);
                    Compare(differences, example, "sb", viaApi, viaCli);
                }
            }
        }

        Assert.True(examples > 20, $"Only {examples} examples were found; is the catalogue complete?");
        Assert.True(differences.Length == 0, differences.ToString());
    }

    /// <summary>A new installation whose administrator has signed in to the console once, the same on every host.</summary>
    private static async Task<(SqliteHost Host, ConsoleSession Console)> FreshInstallationAsync(CancellationToken cancellationToken)
    {
        var host = new SqliteHost();
        await host.InitializeAsync();
        return (host, await host.SignInAsync("admin@example.com", cancellationToken));
    }

    private static async Task<string> RunInConsoleAsync(SqliteHost host, ConsoleSession console, string example, CancellationToken cancellationToken)
    {
        // 'sessions revoke --all' signs the console out too; a person signs in again, and so does the test.
        if ((await console.GetAsync("/", cancellationToken)).RedirectedTo is not null)
        {
            await console.SignInAsync(await host.SignInLinkForAsync("admin", cancellationToken), cancellationToken);
        }

        var page = await console.RunAsync(example, cancellationToken);
        return page.LastReply is { } reply ? Reply(reply) : $"{(int)page.Status} {page.LastErrorCode}";
    }

    private static async Task<string> RunInCliAsync(Sb sb, string example, CancellationToken cancellationToken)
    {
        var result = await sb.RunAsync(["--json", .. ShellWords(example)], cancellationToken);
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
        canonical = ShortId().Replace(Masks.Apply(canonical), "<short-id>");
        return FrontEndName().Replace(canonical, "${field}<front end>\"");
    }

    private static void Compare(StringBuilder differences, string example, string frontEnd, string viaApi, string viaFrontEnd)
    {
        if (viaApi != viaFrontEnd)
        {
            differences.AppendLine(CultureInfo.InvariantCulture, $"> {example}\n  api:   {viaApi}\n  {frontEnd}: {viaFrontEnd}\n");
        }
    }

    /// <summary>The words a shell makes of an example: split at spaces, double quotes group and are removed.</summary>
    private static IEnumerable<string> ShellWords(string line) =>
        ShellWord().Matches(line).Select(m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Value);

    [GeneratedRegex(@"\b[0-9a-f]{8}\b")]
    private static partial Regex ShortId();

    [GeneratedRegex("(?<field>\"name\":\"Signed in through\",\"value\":\")(api|web|cli)\"")]
    private static partial Regex FrontEndName();

    [GeneratedRegex("\"(?<quoted>[^\"]*)\"|[^\\s\"]+")]
    private static partial Regex ShellWord();
}
