using Switchboard.Core.Errors;
using Switchboard.Core.Events;
using Switchboard.Modules.Notify.Hooks;
using static Switchboard.Modules.Notify.Tests.Hooks.Deliveries;

namespace Switchboard.Modules.Notify.Tests.Hooks;

public sealed class PagerDutySchemeTests
{
    private const string Secret = "new-pagerduty-secret";
    private const string OldSecret = "old-pagerduty-secret";
    private const string TriggeredPath = "pagerduty/zulip/triggered_v3.json";
    private readonly PagerDutyScheme _scheme = new();

    [Theory]
    [InlineData(TriggeredPath, "01BZYIL05THJDFF2Y08X9SVMTU", "incident.triggered", "PA2P440")]
    [InlineData("pagerduty/zulip/acknowledged_v3.json", "01BZYK8N47N5JG55J1EEEHPEJI", "incident.acknowledged", "PA2P440")]
    [InlineData("pagerduty/zulip/resolved_v3.json", "01BZYH1JJY09P9LEIST8HG2PMN", "incident.resolved", "PA2P440")]
    [InlineData("pagerduty/developer-docs/incident.priority_updated.json", "5ac64822-4adc-4fda-ade0-410becf0de4f", "incident.priority_updated", "PF9KMXH")]
    [InlineData("pagerduty/developer-docs/service.updated.json", "01BRB6ZP4M6T8ZG4X6BP63ZB9O", "service.updated", "PF9KMXH")]
    [InlineData("pagerduty/zulip/annotated_v3.json", "01GI0KTE33V5QXBVIJDEVJFUNE", "incident.annotated", null)]
    public void AcceptsASignedEventKeyedByItsIdAndOrderedByService(string path, string eventId, string eventType, string? serviceId)
    {
        var body = Payload(path);

        var verdict = _scheme.Verify(Signed(body, $"v1={HexHmac(Secret, body)}"), [Secret], ReceivedAt);

        Assert.Equal(WebhookVerdict.Accept(eventId, eventType, serviceId), verdict);
    }

    [Fact]
    public void AcceptsWhenOnlyTheSecondOfTwoSignaturesMatches()
    {
        var body = Payload(TriggeredPath);

        var verdict = _scheme.Verify(Signed(body, $"v1={HexHmac("retired-secret", body)},v1={HexHmac(Secret, body)}"), [Secret], ReceivedAt);

        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public void AcceptsASignatureMadeWithTheOldSecretWhileSecretsRotate()
    {
        var body = Payload(TriggeredPath);

        var verdict = _scheme.Verify(Signed(body, $"v1={HexHmac(OldSecret, body)}"), [Secret, OldSecret], ReceivedAt);

        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public void RefusesABodyChangedAfterSigning()
    {
        var body = Payload(TriggeredPath);

        var verdict = _scheme.Verify(Signed(Tampered(body), $"v1={HexHmac(Secret, body)}"), [Secret], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.bad-signature"), Refusal(verdict));
    }

    [Fact]
    public void RefusesARequestWithoutASignature()
    {
        var verdict = _scheme.Verify(Request(Payload(TriggeredPath)), [Secret], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.missing-signature"), Refusal(verdict));
    }

    [Fact]
    public void KeysASignedBodyThatIsNotJsonByItsHash()
    {
        var body = "not json"u8.ToArray();

        var verdict = _scheme.Verify(Signed(body, $"v1={HexHmac(Secret, body)}"), [Secret], ReceivedAt);

        Assert.Equal(WebhookVerdict.Accept(BodyHashKey(body), "unparseable", null), verdict);
    }

    private static WebhookRequest Signed(byte[] body, string signatures) => Request(body, ("X-PagerDuty-Signature", signatures));
}
