using System.Diagnostics;
using System.Diagnostics.Metrics;
using Switchboard.Core.Chat;

namespace Switchboard.Delivery;

/// <summary>The outbox's meter, <c>Switchboard.Delivery</c>, created once.</summary>
public sealed class DeliveryTelemetry
{
    public const string Name = "Switchboard.Delivery";

    private readonly Counter<long> _attempts;
    private readonly Counter<long> _deadLetters;
    private readonly Histogram<double> _delay;

    public DeliveryTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _attempts = meter.CreateCounter<long>("switchboard.outbox.attempts", "{attempt}", "Delivery attempts, by adapter and outcome.");
        _deadLetters = meter.CreateCounter<long>("switchboard.outbox.dead_letters", "{delivery}", "Deliveries given up on after their retry budget, by adapter.");
        _delay = meter.CreateHistogram<double>(
            "switchboard.outbox.delay",
            "s",
            "Time from enqueue to delivery, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60, 600] });
    }

    internal void Attempted(string adapter, DeliveryOutcome outcome, TimeSpan sinceEnqueued)
    {
        var tags = new TagList { { "adapter", adapter }, { "outcome", OutcomeTag(outcome) } };
        _attempts.Add(1, tags);
        if (outcome == DeliveryOutcome.Delivered)
        {
            _delay.Record(sinceEnqueued.TotalSeconds, new TagList { { "adapter", adapter } });
        }
    }

    internal void DeadLettered(string adapter) => _deadLetters.Add(1, new TagList { { "adapter", adapter } });

    private static string OutcomeTag(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Delivered => "delivered",
        DeliveryOutcome.RetryLater => "retry_later",
        DeliveryOutcome.Failed => "failed",
    };
}
