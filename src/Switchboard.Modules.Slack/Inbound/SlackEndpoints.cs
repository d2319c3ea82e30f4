using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Errors;
using Switchboard.EventLog;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>
/// <c>/slack/commands</c>, <c>/slack/events</c> and <c>/slack/interactivity</c>: each request is verified with the
/// signing secret, appended to the event log under a key that is the same for every delivery of it, and only
/// then acknowledged, with nothing run yet. Slack wants an answer within 3 seconds; the <c>slack</c> consumer
/// runs the command afterwards and posts the reply, however long it takes.
/// https://api.slack.com/apis/events-api#responding
/// </summary>
internal static class SlackEndpoints
{
    /// <summary>Slack's payloads are small; an interaction carries its whole message, which stays well under this.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapSlackInbound(this IEndpointRouteBuilder app)
    {
        app.MapPost("/slack/commands", ReceiveCommandAsync)
            .WithName("ReceiveSlackCommand")
            .WithSummary("Receives a signed slash command from Slack and runs it in the background.")
            .DisableAntiforgery();
        app.MapPost("/slack/events", ReceiveEventAsync)
            .WithName("ReceiveSlackEvent")
            .WithSummary("Receives a signed Events API callback from Slack: the URL check, mentions and direct messages.")
            .DisableAntiforgery();
        app.MapPost("/slack/interactivity", ReceiveInteractionAsync)
            .WithName("ReceiveSlackInteraction")
            .WithSummary("Receives a signed click on one of Switchboard's buttons in Slack, or one of its forms sent.")
            .DisableAntiforgery();
        return app;
    }

    private static Task<Results<Ok, ProblemHttpResult>> ReceiveCommandAsync(HttpContext context, SlackIngress ingress) =>
        ingress.ReceiveAsync(context, "commands", SlackRequestKeys.OfCommand);

    private static async Task<Results<Ok, Ok<UrlVerification>, ProblemHttpResult>> ReceiveEventAsync(HttpContext context, SlackIngress ingress)
    {
        string? challenge = null;
        var result = await ingress.ReceiveAsync(context, "events", body =>
        {
            var (keys, urlChallenge) = SlackRequestKeys.OfEvent(body);
            challenge = urlChallenge;
            return keys;
        });

        // Slack checks the Request URL once by asking for its challenge back; it is answered, not logged.
        // https://api.slack.com/events/url_verification
        return challenge is not null && result.Result is Ok ? TypedResults.Ok(new UrlVerification(challenge)) : result.Result switch
        {
            ProblemHttpResult problem => problem,
            _ => TypedResults.Ok(),
        };
    }

    private static Task<Results<Ok, ProblemHttpResult>> ReceiveInteractionAsync(HttpContext context, SlackIngress ingress) =>
        ingress.ReceiveAsync(context, "interactivity", SlackRequestKeys.OfInteraction);
}

/// <summary>The answer to Slack's <c>url_verification</c>.</summary>
internal sealed record UrlVerification(string Challenge);

/// <summary>The steps every Slack endpoint shares: configured, size, signature, keys, append, acknowledge.</summary>
internal sealed class SlackIngress(
    IOptions<SlackOptions> options,
    IEventLog log,
    SlackInboundTelemetry telemetry,
    TimeProvider clock,
    ILogger<SlackIngress> logger)
{
    private static readonly Error NotConfigured = Error.NotFound(
        "slack.not-configured", "Slack is not set up on this server: set Slack:SigningSecret to the app's signing secret to accept its requests.");

    private static readonly Error LogUnavailable = Error.Unavailable(
        "slack.log-unavailable", "The event log did not confirm that it kept this request, so it was not accepted; Slack may send it again.");

    public async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(HttpContext context, string endpoint, Func<byte[], IngressKeys> keysOf)
    {
        var (outcome, result) = await ReceiveCoreAsync(context, keysOf);
        telemetry.Received(endpoint, outcome);
        return result;
    }

    private async Task<(string Outcome, Results<Ok, ProblemHttpResult> Result)> ReceiveCoreAsync(HttpContext context, Func<byte[], IngressKeys> keysOf)
    {
        if (options.Value.SigningSecret is not { Length: > 0 } signingSecret)
        {
            return Refuse(NotConfigured);
        }

        var body = await IngressBodies.ReadAsync(context, SlackEndpoints.MaxBodyBytes);
        if (body is null)
        {
            return Refuse(Error.TooLarge("slack.body-too-large", $"The body is larger than the {SlackEndpoints.MaxBodyBytes} bytes a Slack request may have."));
        }

        var headers = context.Request.Headers;
        if (SlackSignature.Check(headers[SlackSignature.SignatureHeader], headers[SlackSignature.TimestampHeader], body, signingSecret, clock.GetUtcNow()) is { } refusal)
        {
            logger.SlackRequestRefused(refusal.Code);
            return Refuse(refusal);
        }

        IngressKeys keys;
        try
        {
            keys = keysOf(body);
        }
        catch (JsonException)
        {
            keys = IngressKeys.Malformed("The body is not the JSON Slack sends.");
        }

        var (outcome, notAppended) = await AppendAsync(keys, body);
        if (notAppended is null)
        {
            return (outcome, TypedResults.Ok());
        }

        if (notAppended.Kind == ErrorKind.Unavailable)
        {
            context.Response.Headers.RetryAfter = "10";
        }

        return Refuse(notAppended);
    }

    /// <summary>
    /// Appends a request whose origin is proven (signed by Slack, or sent over the app's own Socket Mode connection)
    /// under its keys, and says what came of it: appended, duplicate, ignored, or why it was refused.
    /// </summary>
    public async Task<(string Outcome, Error? Refusal)> AppendAsync(IngressKeys keys, byte[] body)
    {
        if (keys.Malformation is { } why)
        {
            return ("slack.malformed-request", Error.Invalid("slack.malformed-request", why));
        }

        if (keys.DedupeKey is null || keys.Type is null)
        {
            return ("ignored", null);
        }

        if (keys.DedupeKey.Length > EventLimits.DedupeKey)
        {
            return ("slack.key-too-long", Error.Invalid("slack.key-too-long", $"The request's id is longer than the {EventLimits.DedupeKey} characters Switchboard keeps."));
        }

        try
        {
            // Once proven, the request is kept even if Slack has stopped waiting: the append is not cancellable.
            var appended = await log.AppendAsync(
                new IncomingEvent(SlackRequest.Source, keys.DedupeKey, keys.Type, null, new Dictionary<string, string>(), body, clock.GetUtcNow()),
                CancellationToken.None);
            return (appended == AppendOutcome.Appended ? "appended" : "duplicate", null);
        }
        catch (EventLogUnavailableException exception)
        {
            logger.SlackAppendUnavailable(exception);
            return (LogUnavailable.Code, LogUnavailable);
        }
    }

    private static (string, Results<Ok, ProblemHttpResult>) Refuse(Error error) =>
        (error.Code, TypedResults.Problem(
            statusCode: error.Kind switch
            {
                ErrorKind.Invalid => StatusCodes.Status400BadRequest,
                ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
                ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                ErrorKind.NotFound => StatusCodes.Status404NotFound,
                ErrorKind.Conflict => StatusCodes.Status409Conflict,
                ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
                ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            },
            title: error.Title,
            detail: error.Detail,
            extensions: new Dictionary<string, object?> { ["code"] = error.Code }));

}
