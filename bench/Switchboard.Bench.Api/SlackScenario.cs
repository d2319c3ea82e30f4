using System.Net;

namespace Switchboard.Bench.Api;

/// <summary>
/// Acknowledging signed slash commands under a closed loop: the minimal endpoint only verifies the signature; Switchboard
/// also appends each command to its event log before answering, then runs it and posts the reply to the bench's sink.
/// </summary>
internal static class SlackScenario
{
    public static async Task<IngestResult> RunMinimalAsync(SlashCommands commands, BenchSettings settings, CancellationToken cancellationToken)
    {
        var server = ServerUnderTest.Baseline(SecretSetting(commands));
        var url = Scenario.LoopbackUrl();
        await using var process = await Scenario.StartAsync(server, url, "", [], cancellationToken);
        return new IngestResult(server.Name, await IngestScenario.LoadAsync(server, process, url, commands.Next, HttpStatusCode.OK, settings, cancellationToken), null, null);
    }

    public static async Task<IngestResult> RunSwitchboardAsync(
        string name, string dataDirectory, IReadOnlyList<string> database, SlashCommands commands, BenchSettings settings, CancellationToken cancellationToken)
    {
        var token = await Bootstrap.RunAsync(settings.ServerDll, dataDirectory, database, cancellationToken);
        var server = ServerUnderTest.Switchboard(settings.ServerDll, dataDirectory, [.. database, .. SecretSetting(commands)]) with { Name = name };
        var url = Scenario.LoopbackUrl();
        await using var process = await Scenario.StartAsync(server, url, token, [], cancellationToken);
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        var before = await BatchSizes.ReadAsync(client, cancellationToken);
        var run = await IngestScenario.LoadAsync(server, process, url, commands.Next, HttpStatusCode.OK, settings, cancellationToken);
        return new IngestResult(name, run, await BatchSizes.ReadAsync(client, cancellationToken) - before, null);
    }

    private static string[] SecretSetting(SlashCommands commands) => [$"--{SlashCommands.SecretSetting}", commands.Secret];
}
