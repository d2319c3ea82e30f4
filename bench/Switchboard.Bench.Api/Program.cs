using System.Runtime.InteropServices;
using Switchboard.Bench.Api;

if (args is ["baseline", .. var baselineArgs])
{
    await MinimalEndpoint.RunAsync(baselineArgs);
    return 0;
}

var ingest = args is ["ingest", ..];
if (BenchSettings.From(ingest ? args[1..] : args) is not { } settings)
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
    return ingest ? await IngestAsync() : await ApiAsync();
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
    await Console.Out.WriteAsync(IngestResultsTable.Render(baseline, [sqlite, onPostgres], settings));
    return IngestResultsTable.AllAccepted([baseline, sqlite, onPostgres]) ? 0 : 1;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
