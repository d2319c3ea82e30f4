using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Switchboard.Core;

namespace Switchboard.Server.Hosting;

internal static class TelemetryServices
{
    /// <summary>
    /// Traces and metrics for commands, HTTP in and out, and the runtime; Prometheus scrapes
    /// <c>/metrics</c>, traces go to an OTLP collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names one,
    /// and errors to Sentry when <c>Sentry:Dsn</c> is set.
    /// </summary>
    public static WebApplicationBuilder AddSwitchboardTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(CoreTelemetry.Name)
                .AddMeter(Hooks.HookTelemetry.Name)
                .AddMeter(EventLog.EventLogTelemetry.Name)
                .AddMeter(Delivery.DeliveryTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        // Spans cost on every request; record them only when a collector will receive them.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(CoreTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration["Sentry:Dsn"]))
        {
            builder.WebHost.UseSentry(sentry => sentry.SendDefaultPii = false);
        }

        return builder;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");
}
