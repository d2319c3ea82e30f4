using System.Diagnostics;
using System.Diagnostics.Metrics;
using Switchboard.Core.Commands;

namespace Switchboard.Core;

/// <summary>The core's meter and activity source, <c>Switchboard.Core</c>, created once.</summary>
public sealed class CoreTelemetry
{
    public const string Name = "Switchboard.Core";

    private readonly Counter<long> _invocations;
    private readonly Histogram<double> _duration;

    public CoreTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _invocations = meter.CreateCounter<long>("switchboard.command.invocations", "{invocation}", "Commands run, by outcome.");
        _duration = meter.CreateHistogram<double>("switchboard.command.duration", "s", "Time from dispatch to reply.");
    }

    public static ActivitySource Activities { get; } = new(Name);

    public void CommandFinished(string command, FrontEnd frontEnd, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "command", command },
            { "front_end", frontEnd.ToString().ToLowerInvariant() },
            { "outcome", outcome },
        };
        _invocations.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
