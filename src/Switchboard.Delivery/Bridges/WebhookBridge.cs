using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Switchboard.Core.Chat;
using Switchboard.Core.Replies;

namespace Switchboard.Delivery.Bridges;

/// <summary>
/// Bridges a built-in channel to an incoming webhook (<c>Delivery:Channels:&lt;channel&gt;:Webhook:Url</c>):
/// each message is POSTed as <c>{"text": "..."}</c>, which Slack's and Mattermost's incoming webhooks
/// take. Such a webhook has no threads and answers no message id, so follow-ups are posted as they come.
/// </summary>
internal sealed class WebhookBridge(IHttpClientFactory http, IOptions<DeliveryOptions> options, TimeProvider clock) : IChatAdapter
{
    public const string HttpClientName = "Switchboard.Delivery.Webhook";

    public string Name => "webhook";

    public ValueTask<bool> CarriesAsync(string channel, CancellationToken cancellationToken) => ValueTask.FromResult(UrlFor(channel) is not null);

    public async Task<DeliveryResult> DeliverAsync(ChatDelivery delivery, CancellationToken cancellationToken)
    {
        if (UrlFor(delivery.Channel) is not { } url)
        {
            return DeliveryResult.Failed($"#{delivery.Channel} is no longer bridged: Delivery:Channels:{delivery.Channel}:Webhook:Url is not set.");
        }

        using var client = http.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new WebhookMessage(PlainTextRenderer.Render(delivery.Message))),
        };
        request.Headers.Add("Idempotency-Key", delivery.DeliveryKey);
        using var response = await client.SendAsync(request, cancellationToken);
        return Interpret(response, clock.GetUtcNow());
    }

    /// <summary>2xx is delivered; 408, 429 and 5xx are worth another try; any other answer will not change by waiting.</summary>
    internal static DeliveryResult Interpret(HttpResponseMessage response, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var answer = $"The webhook answered {status} {response.ReasonPhrase}".TrimEnd() + ".";
        if (response.IsSuccessStatusCode)
        {
            return DeliveryResult.Delivered(null);
        }

        if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || status >= 500)
        {
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - now : null)
                : null;
            return DeliveryResult.RetryLater(answer, retryAfter);
        }

        return DeliveryResult.Failed(answer);
    }

    private Uri? UrlFor(string channel) =>
        options.Value.Channels.FirstOrDefault(c => string.Equals(c.Key, channel, StringComparison.OrdinalIgnoreCase)).Value?.Webhook?.Url;

    private sealed record WebhookMessage(string Text);
}
