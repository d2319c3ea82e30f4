using System.Runtime.InteropServices;
using Switchboard.Bench.Api;

if (args is ["baseline", .. var baselineArgs])
{
    await MinimalEndpoint.RunAsync(baselineArgs);
    return 0;
}

if (BenchSettings.From(args) is not { } settings)
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
    var token = await Bootstrap.RunAsync(settings.ServerDll, data.FullName, stop.Token);
    var switchboard = await Scenario.RunAsync(ServerUnderTest.Switchboard(settings.ServerDll, data.FullName), token, settings, stop.Token);
    var baseline = await Scenario.RunAsync(ServerUnderTest.Baseline(), token, settings, stop.Token);
    await Console.Out.WriteAsync(ResultsTable.Render(switchboard, baseline, settings));
    return switchboard.Load.Failures + baseline.Load.Failures == 0 ? 0 : 1;
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

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
