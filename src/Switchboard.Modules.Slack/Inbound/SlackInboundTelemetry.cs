using System.Diagnostics.Metrics;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary><c>switchboard.slack.requests</c>, by endpoint and outcome (appended, duplicate, ignored, or the refusal's code).</summary>
internal sealed class SlackInboundTelemetry
{
    public const string Name = "Switchboard.Slack.Inbound";

    private readonly Counter<long> _received;

    public SlackInboundTelemetry(IMeterFactory meters) =>
        _received = meters.Create(Name).CreateCounter<long>("switchboard.slack.requests", unit: "{request}", description: "Requests from Slack, by endpoint and outcome.");

    public void Received(string endpoint, string outcome) =>
        _received.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", outcome));
}
