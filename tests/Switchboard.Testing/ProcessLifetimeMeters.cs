using System.Diagnostics.Metrics;

namespace Switchboard.Testing;

/// <summary>
/// Meters that outlive their host. OpenTelemetry stops exporting every instrument of a meter's name once any meter of
/// that name is disposed (open-telemetry/opentelemetry-dotnet#6412), and test hosts share a process: a stopped host's
/// meters would silence the metrics of the hosts still running. One host per process, as in production, never meets it.
/// </summary>
internal sealed class ProcessLifetimeMeters : IMeterFactory
{
    public Meter Create(MeterOptions options)
    {
        options.Scope = this;
        return new Meter(options);
    }

    public void Dispose()
    {
    }
}
