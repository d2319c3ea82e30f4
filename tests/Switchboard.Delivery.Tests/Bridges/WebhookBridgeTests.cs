using System.Net;
using System.Net.Http.Headers;
using Switchboard.Core.Chat;
using Switchboard.Delivery.Bridges;

namespace Switchboard.Delivery.Tests.Bridges;

/// <summary>How the bridge reads an incoming webhook's answer; the loopback receiver in <c>OutboxTests</c> shows it end to end.</summary>
public sealed class WebhookBridgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.OK, DeliveryOutcome.Delivered)]
    [InlineData(HttpStatusCode.NoContent, DeliveryOutcome.Delivered)]
    [InlineData(HttpStatusCode.RequestTimeout, DeliveryOutcome.RetryLater)]
    [InlineData(HttpStatusCode.TooManyRequests, DeliveryOutcome.RetryLater)]
    [InlineData(HttpStatusCode.InternalServerError, DeliveryOutcome.RetryLater)]
    [InlineData(HttpStatusCode.ServiceUnavailable, DeliveryOutcome.RetryLater)]
    [InlineData(HttpStatusCode.BadRequest, DeliveryOutcome.Failed)]
    [InlineData(HttpStatusCode.Forbidden, DeliveryOutcome.Failed)]
    [InlineData(HttpStatusCode.NotFound, DeliveryOutcome.Failed)]
    [InlineData(HttpStatusCode.Gone, DeliveryOutcome.Failed)]
    public void AnAnswerIsDeliveredWorthAnotherTryOrFinal(HttpStatusCode status, DeliveryOutcome outcome)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(outcome, WebhookBridge.Interpret(response, Now).Outcome);
    }

    [Fact]
    public void RetryAfterInSecondsOrAsADateIsPassedOn()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddMinutes(2));

        Assert.Equal(TimeSpan.FromSeconds(30), WebhookBridge.Interpret(seconds, Now).RetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(2), WebhookBridge.Interpret(date, Now).RetryAfter);
    }

    [Fact]
    public void AFinalRefusalSaysWhatTheWebhookAnswered()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.NotFound);

        Assert.Equal("The webhook answered 404 Not Found.", WebhookBridge.Interpret(response, Now).Reason);
    }
}
