using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Switchboard.Testing;

/// <summary>
/// Incoming webhooks on loopback, taking messages as Slack's and Mattermost's do: <c>POST /{name}</c>
/// with <c>{"text": "..."}</c>. Each name can be told how to answer before it accepts again (a 500, a
/// 429 with <c>Retry-After</c>), and keeps every request, so a test sees what arrived, in what order,
/// how often, and what it was answered.
/// </summary>
public sealed class WebhookReceiver : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Inbox> _inboxes = new();
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{name}", ReceiveAsync);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public Uri Url(string name) => new(BaseAddress, name);

    /// <summary>Answers the next requests to this name with these, one each, then accepts again.</summary>
    public void AnswerNext(string name, params WebhookAnswer[] answers)
    {
        var inbox = InboxOf(name);
        lock (inbox)
        {
            foreach (var answer in answers)
            {
                inbox.Script.Enqueue(answer);
            }
        }
    }

    /// <summary>Answers every request to this name with this, until told otherwise; null to accept again.</summary>
    public void AnswerAlways(string name, WebhookAnswer? answer)
    {
        var inbox = InboxOf(name);
        lock (inbox)
        {
            inbox.Always = answer;
        }
    }

    /// <summary>Every request to this name so far, in the order they came.</summary>
    public IReadOnlyList<ReceivedWebhook> Requests(string name)
    {
        var inbox = InboxOf(name);
        lock (inbox)
        {
            return inbox.Received.ToList();
        }
    }

    /// <summary>The texts this name accepted, in the order it accepted them.</summary>
    public IReadOnlyList<string> Accepted(string name) =>
        Requests(name).Where(r => r.Answer.Status is >= 200 and < 300).Select(r => r.Text).ToList();

    private async Task ReceiveAsync(string name, HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var text = body.RootElement.GetProperty("text").GetString() ?? "";
        var inbox = InboxOf(name);
        WebhookAnswer answer;
        lock (inbox)
        {
            answer = inbox.Always ?? (inbox.Script.TryDequeue(out var next) ? next : WebhookAnswer.Accept);
            inbox.Received.Add(new ReceivedWebhook(text, context.Request.Headers["Idempotency-Key"].ToString(), answer));
        }

        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(answer.Status is >= 200 and < 300 ? "ok" : "no", context.RequestAborted);
    }

    private Inbox InboxOf(string name) => _inboxes.GetOrAdd(name, _ => new Inbox());

    private sealed class Inbox
    {
        public Queue<WebhookAnswer> Script { get; } = new();

        public WebhookAnswer? Always { get; set; }

        public List<ReceivedWebhook> Received { get; } = [];
    }
}

/// <param name="RetryAfterSeconds">Sent as <c>Retry-After</c> when set.</param>
public sealed record WebhookAnswer(int Status, int? RetryAfterSeconds = null)
{
    public static WebhookAnswer Accept { get; } = new(200);

    public static WebhookAnswer ServerError { get; } = new(500);

    public static WebhookAnswer TooManyRequests(int retryAfterSeconds) => new(429, retryAfterSeconds);
}

public sealed record ReceivedWebhook(string Text, string IdempotencyKey, WebhookAnswer Answer);
