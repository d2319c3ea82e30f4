using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// Sends v3 webhooks the way PagerDuty does, one at a time in the order the changes happened, after the API call
/// that caused them has been answered: <c>POST</c> with <c>X-PagerDuty-Signature: v1=&lt;HMAC-SHA256 hex of the body&gt;</c>
/// and <c>X-Webhook-Subscription</c>. https://developer.pagerduty.com/docs/webhooks/webhook-signatures/
/// </summary>
internal sealed class WebhookSender(PagerDutyState state) : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Lock _lock = new();
    private readonly List<WebhookDelivery> _deliveries = [];
    private Task _last = Task.CompletedTask;

    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get
        {
            lock (_lock)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Queues the event about the incident as it is now; nothing when no subscription is set.</summary>
    public void Send(string eventType, PagerDutyIncident incident, PagerDutyUser? agent, PagerDutyNote? note = null)
    {
        if (state.Webhook is not { } subscription)
        {
            return;
        }

        var id = "01" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24);
        var body = JsonSerializer.SerializeToUtf8Bytes(PagerDutyShapes.WebhookEvent(id, eventType, state.Clock.GetUtcNow(), incident, agent, note));
        lock (_lock)
        {
            _last = _last.ContinueWith(_ => DeliverAsync(subscription, id, eventType, body), TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Completes once every queued event has been delivered (or failed to be).</summary>
    public Task IdleAsync()
    {
        lock (_lock)
        {
            return _last;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await IdleAsync();
        _http.Dispose();
    }

    private async Task DeliverAsync(PagerDutyWebhookSubscription subscription, string id, string eventType, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-PagerDuty-Signature", "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(subscription.Secret), body)));
        request.Headers.Add("X-Webhook-Subscription", "PSUBSCR");
        request.Headers.UserAgent.ParseAdd("PagerDuty-Webhook/V3.0");
        int status;
        try
        {
            using var response = await _http.SendAsync(request);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = 0;
        }
        catch (TaskCanceledException)
        {
            status = 0;
        }

        lock (_lock)
        {
            _deliveries.Add(new WebhookDelivery(id, eventType, status));
        }
    }
}

/// <param name="Status">The HTTP status Switchboard answered; 0 when it could not be reached.</param>
public sealed record WebhookDelivery(string EventId, string EventType, int Status);
