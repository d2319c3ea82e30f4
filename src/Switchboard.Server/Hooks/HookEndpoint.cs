using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Errors;
using Switchboard.Core.Events;
using Switchboard.EventLog;
using Switchboard.Server.Api;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.Hooks;

/// <summary>
/// <c>POST /hooks/{source}</c>: every event from the outside world comes in here. The request is
/// verified, appended durably to the event log, and only then acknowledged; a redelivery is
/// acknowledged without being appended again (on Kafka it is appended, and its consumers drop it).
/// An append the log cannot confirm is a 503, which vendors retry.
/// </summary>
internal static class HookEndpoint
{
    private static readonly Error LogUnavailable = Error.Unavailable(
        "hooks.log-unavailable", "The event log did not confirm that it kept this event, so it was not accepted; send it again later.");

    public static RouteHandlerBuilder MapHooks(this IEndpointRouteBuilder app) =>
        app.MapPost("/hooks/{source}", ReceiveAsync)
            .WithName("ReceiveWebhook")
            .WithSummary("Receives a webhook from a configured source.")
            .DisableAntiforgery();

    private static async Task<Results<Accepted<HookReceipt>, Ok<HookReceipt>, ProblemHttpResult>> ReceiveAsync(
        string source,
        HttpContext context,
        IWebhookSources sources,
        IEventLog log,
        HookTelemetry telemetry,
        TimeProvider clock,
        ILoggerFactory loggers)
    {
        var (body, refusal, keys) = await ReadAndVerifyAsync(source, context, sources, clock);
        if (refusal is not null)
        {
            // Anyone can name a source in the URL; only configured ones become a metric's tag.
            telemetry.Received(sources.MaxBodyBytes(source) is null ? "unknown" : source, refusal.Code);
            return refusal.ToProblem();
        }

        var headers = context.Request.Headers
            .Where(h => sources.Keeps(h.Key))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        AppendOutcome outcome;
        try
        {
            // Once verified, the event is kept even if the sender has stopped waiting: the append is not cancellable.
            outcome = await log.AppendAsync(
                new IncomingEvent(source, keys!.DedupeKey!, keys.EventType!, keys.OrderingKey, headers, body!, clock.GetUtcNow()),
                CancellationToken.None);
        }
        catch (EventLogUnavailableException exception)
        {
            loggers.CreateLogger(typeof(HookEndpoint)).AppendUnavailable(exception, source);
            telemetry.Received(source, LogUnavailable.Code);
            // Vendors redeliver on a 5xx; the header says when trying again is worth it.
            context.Response.Headers.RetryAfter = "10";
            return LogUnavailable.ToProblem();
        }

        telemetry.Received(source, outcome == AppendOutcome.Appended ? "appended" : "duplicate");
        var receipt = new HookReceipt(outcome == AppendOutcome.Appended ? "accepted" : "duplicate", keys.DedupeKey!);
        return outcome == AppendOutcome.Appended ? TypedResults.Accepted((string?)null, receipt) : TypedResults.Ok(receipt);
    }

    private static async Task<(byte[]? Body, Error? Refusal, WebhookVerdict? Keys)> ReadAndVerifyAsync(
        string source, HttpContext context, IWebhookSources sources, TimeProvider clock)
    {
        if (sources.MaxBodyBytes(source) is not { } limit)
        {
            return (null, Error.NotFound("hooks.unknown-source", $"No webhook source '{source}' is configured here; set Hooks:{source}:Secrets to accept it."), null);
        }

        var body = await IngressBodies.ReadAsync(context, limit);
        if (body is null)
        {
            return (null, Error.TooLarge("hooks.body-too-large", $"The body is larger than the {limit} bytes source '{source}' accepts (Hooks:{source}:MaxBodyBytes)."), null);
        }

        var (urlToken, basicPassword) = Credentials(context.Request);
        var request = new WebhookRequest(
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            urlToken,
            basicPassword);
        var verdict = sources.Verify(source, request, clock.GetUtcNow());
        if (verdict.Refusal is { } refusal)
        {
            return (null, refusal, null);
        }

        if (verdict.DedupeKey!.Length > EventLimits.DedupeKey || verdict.EventType!.Length > EventLimits.Type)
        {
            return (null, Error.Invalid("hooks.key-too-long", $"The event's id or type is longer than Switchboard keeps ({EventLimits.DedupeKey} and {EventLimits.Type} characters)."), null);
        }

        // The ordering key only keeps related events in order; one too long to keep orders nothing.
        return (body, null, verdict.OrderingKey?.Length > EventLimits.OrderingKey ? verdict with { OrderingKey = null } : verdict);
    }

    private static (string? UrlToken, string? BasicPassword) Credentials(HttpRequest request)
    {
        var token = request.Query["token"].ToString();
        string? password = null;
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                password = pair.Contains(':', StringComparison.Ordinal) ? pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..] : null;
            }
            catch (FormatException)
            {
                password = null;
            }
        }

        return (token.Length == 0 ? null : token, password);
    }
}

/// <param name="Status"><c>accepted</c> when the event was appended, <c>duplicate</c> when it had been before.</param>
internal sealed record HookReceipt(string Status, string DedupeKey);

/// <summary><c>switchboard.webhooks.received</c>, by source and outcome (appended, duplicate, or the refusal's code).</summary>
internal sealed class HookTelemetry
{
    public const string Name = "Switchboard.Hooks";

    private readonly Counter<long> _received;

    public HookTelemetry(IMeterFactory meters) =>
        _received = meters.Create(Name).CreateCounter<long>("switchboard.webhooks.received", description: "Webhooks received, by source and outcome.");

    public void Received(string source, string outcome) =>
        _received.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", outcome));
}
