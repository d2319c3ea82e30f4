using System.Runtime.InteropServices;
using Switchboard.Bench.Api;

if (args is ["baseline", .. var baselineArgs])
{
    await MinimalEndpoint.RunAsync(baselineArgs);
    return 0;
}

var scenario = args is [var named and ("ingest" or "slack"), ..] ? named : "api";
if (BenchSettings.From(scenario == "api" ? args : args[1..]) is not { } settings)
{
    await Console.Error.WriteLineAsync(BenchSettings.Usage);
    return 2;
}

// Unwinding on a signal, rather than dying at once, is what kills the servers this bench started.
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);

var data = Directory.CreateTempSubdirectory("switchboard-bench-");
try
{
    return scenario switch
    {
        "ingest" => await IngestAsync(),
        "slack" => await SlackAsync(),
        _ => await ApiAsync(),
    };
}
catch (BenchFailure failure)
{
    await Console.Error.WriteLineAsync(failure.Message);
    return 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("Stopped.");
    return 130;
}
finally
{
    data.Delete(recursive: true);
}

async Task<int> ApiAsync()
{
    var token = await Bootstrap.RunAsync(settings.ServerDll, data.FullName, [], stop.Token);
    var switchboard = await Scenario.RunAsync(ServerUnderTest.Switchboard(settings.ServerDll, data.FullName), token, settings, stop.Token);
    var baseline = await Scenario.RunAsync(ServerUnderTest.Baseline(), token, settings, stop.Token);
    await Console.Out.WriteAsync(ResultsTable.Render(switchboard, baseline, settings));
    return switchboard.Load.Failures + baseline.Load.Failures == 0 ? 0 : 1;
}

async Task<int> IngestAsync()
{
    var deliveries = GitHubDelivery.FromFixtures(settings.Fixtures);
    var baseline = await IngestScenario.RunMinimalAsync(deliveries, settings, stop.Token);
    var sqlite = await IngestScenario.RunSwitchboardAsync("Switchboard, SQLite", data.CreateSubdirectory("sqlite").FullName, [], deliveries, settings, stop.Token);
    await using var postgres = await PostgresInstance.StartAsync(stop.Token);
    var onPostgres = await IngestScenario.RunSwitchboardAsync(
        "Switchboard, PostgreSQL",
        data.CreateSubdirectory("postgres").FullName,
        ["--Database:Provider", "Postgres", "--ConnectionStrings:Switchboard", postgres.ConnectionString],
        deliveries,
        settings,
        stop.Token);
    var baselineAgain = await IngestScenario.RunMinimalAsync(deliveries, settings, stop.Token) with { Name = "Minimal endpoint, again" };
    await Console.Out.WriteAsync(IngestResultsTable.Render("Signed GitHub `issues` deliveries", [baseline, baselineAgain], [sqlite, onPostgres], settings));
    return IngestResultsTable.AllAccepted([baseline, sqlite, onPostgres, baselineAgain]) ? 0 : 1;
}

async Task<int> SlackAsync()
{
    // Replies go to response_url: here a minimal endpoint that answers 200, as Slack would.
    var sinkUrl = Scenario.LoopbackUrl();
    await using var sink = await Scenario.StartAsync(ServerUnderTest.Baseline(), sinkUrl, "", [], stop.Token);
    var commands = new SlashCommands(sinkUrl);
    var baseline = await SlackScenario.RunMinimalAsync(commands, settings, stop.Token);
    var sqlite = await SlackScenario.RunSwitchboardAsync("Switchboard, SQLite", data.CreateSubdirectory("sqlite").FullName, [], commands, settings, stop.Token);
    await using var postgres = await PostgresInstance.StartAsync(stop.Token);
    var onPostgres = await SlackScenario.RunSwitchboardAsync(
        "Switchboard, PostgreSQL",
        data.CreateSubdirectory("postgres").FullName,
        ["--Database:Provider", "Postgres", "--ConnectionStrings:Switchboard", postgres.ConnectionString],
        commands,
        settings,
        stop.Token);
    var baselineAgain = await SlackScenario.RunMinimalAsync(commands, settings, stop.Token) with { Name = "Minimal endpoint, again" };
    await Console.Out.WriteAsync(IngestResultsTable.Render("Signed slash commands (`/sb help`)", [baseline, baselineAgain], [sqlite, onPostgres], settings));
    return IngestResultsTable.AllAccepted([baseline, sqlite, onPostgres, baselineAgain]) ? 0 : 1;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
