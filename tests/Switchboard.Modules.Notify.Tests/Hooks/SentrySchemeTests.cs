using Switchboard.Core.Errors;
using Switchboard.Core.Events;
using Switchboard.Modules.Notify.Hooks;
using static Switchboard.Modules.Notify.Tests.Hooks.Deliveries;

namespace Switchboard.Modules.Notify.Tests.Hooks;

public sealed class SentrySchemeTests
{
    private const string ClientSecret = "new-sentry-client-secret";
    private const string OldClientSecret = "old-sentry-client-secret";
    private const string RequestId = "3e4c6a27-2d5f-4e07-9a0c-7c1f0f3b8f1e";
    private const string IssuePath = "sentry/sentry-docs/issue.created.json";
    private readonly SentryScheme _scheme = new();

    [Theory]
    [InlineData(IssuePath, "issue", "1")]
    [InlineData("sentry/sentry-docs/event_alert.triggered.json", "event_alert", "1")]
    [InlineData("sentry/sentry-docs/metric_alert.resolved.json", "metric_alert", null)]
    public void AcceptsASignedEventKeyedByItsRequestIdAndOrderedByProject(string path, string resource, string? projectId)
    {
        var body = Payload(path);

        var verdict = _scheme.Verify(Signed(body, ClientSecret, resource, ("Request-ID", RequestId)), [ClientSecret], ReceivedAt);

        Assert.Equal(WebhookVerdict.Accept(RequestId, resource, projectId), verdict);
    }

    [Fact]
    public void KeysAnEventWithoutARequestIdByTheBodyHash()
    {
        var body = Payload(IssuePath);

        var verdict = _scheme.Verify(Signed(body, ClientSecret, "issue"), [ClientSecret], ReceivedAt);

        Assert.Equal(BodyHashKey(body), verdict.DedupeKey);
    }

    [Fact]
    public void AcceptsASignatureMadeWithTheOldSecretWhileSecretsRotate()
    {
        var body = Payload(IssuePath);

        var verdict = _scheme.Verify(Signed(body, OldClientSecret, "issue"), [ClientSecret, OldClientSecret], ReceivedAt);

        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public void RefusesABodyChangedAfterSigning()
    {
        var body = Payload(IssuePath);
        var signed = Signed(body, ClientSecret, "issue");

        var verdict = _scheme.Verify(signed with { Body = Tampered(body) }, [ClientSecret], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.bad-signature"), Refusal(verdict));
    }

    [Fact]
    public void RefusesARequestWithoutASignature()
    {
        var request = Request(Payload(IssuePath), ("Sentry-Hook-Resource", "issue"), ("Request-ID", RequestId));

        var verdict = _scheme.Verify(request, [ClientSecret], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.missing-signature"), Refusal(verdict));
    }

    private static WebhookRequest Signed(byte[] body, string secret, string resource, params (string Name, string Value)[] more) =>
        Request(body, [("Sentry-Hook-Signature", HexHmac(secret, body)), ("Sentry-Hook-Resource", resource), .. more]);
}
