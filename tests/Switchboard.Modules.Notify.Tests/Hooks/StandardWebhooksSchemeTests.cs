using System.Security.Cryptography;
using System.Text;
using Switchboard.Core.Errors;
using Switchboard.Core.Events;
using Switchboard.Modules.Notify.Hooks;
using static Switchboard.Modules.Notify.Tests.Hooks.Deliveries;

namespace Switchboard.Modules.Notify.Tests.Hooks;

public sealed class StandardWebhooksSchemeTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string OldSecret = "whsec_dGhlIG9sZCBrZXkgb2YgYSBjdXN0b20gc291cmNl";
    private const string MessageId = "msg_2mKq0n6OZ8cXqUuYb7vV1dQeHfA";
    private static readonly byte[] Body = """{"type":"deploy.finished","service":"checkout","data":{"version":"1.4.2"}}"""u8.ToArray();
    private readonly StandardWebhooksScheme _scheme = new();

    [Fact]
    public void MatchesTheExampleInTheSpecification()
    {
        var request = Request(
            """{"test": 2432232314}"""u8.ToArray(),
            ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            ("webhook-timestamp", "1614265330"),
            ("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));

        var verdict = _scheme.Verify(request, [Secret], DateTimeOffset.FromUnixTimeSeconds(1614265330));

        Assert.Equal(WebhookVerdict.Accept("msg_p5jXN8AQM9LWM0D4loKWxJek", "unparseable", null), verdict);
    }

    [Fact]
    public void AcceptsASignedMessageKeyedByItsIdWithTypeAndService()
    {
        var verdict = _scheme.Verify(Signed(Body, ReceivedAt, Signature(Secret, Body, ReceivedAt)), [Secret], ReceivedAt);

        Assert.Equal(WebhookVerdict.Accept(MessageId, "deploy.finished", "checkout"), verdict);
    }

    [Fact]
    public void ReadsTheEventTypeFromEventWhenThereIsNoType()
    {
        var body = """{"event":"build.failed"}"""u8.ToArray();

        var verdict = _scheme.Verify(Signed(body, ReceivedAt, Signature(Secret, body, ReceivedAt)), [Secret], ReceivedAt);

        Assert.Equal(WebhookVerdict.Accept(MessageId, "build.failed", null), verdict);
    }

    [Fact]
    public void AcceptsWhenOnlyTheSecondOfTwoSignaturesMatches()
    {
        var signatures = $"{Signature(OldSecret, Body, ReceivedAt)} {Signature(Secret, Body, ReceivedAt)}";

        var verdict = _scheme.Verify(Signed(Body, ReceivedAt, signatures), [Secret], ReceivedAt);

        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public void AcceptsASignatureMadeWithTheOldSecretWhileSecretsRotate()
    {
        var verdict = _scheme.Verify(Signed(Body, ReceivedAt, Signature(OldSecret, Body, ReceivedAt)), [Secret, OldSecret], ReceivedAt);

        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public void UsesASecretWithoutThePrefixAsItsUtf8Bytes()
    {
        var signature = Convert.ToBase64String(HMACSHA256.HashData("plain secret"u8, Content(Body, ReceivedAt)));

        var verdict = _scheme.Verify(Signed(Body, ReceivedAt, $"v1,{signature}"), ["plain secret"], ReceivedAt);

        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public void AcceptsAMessageSignedFourMinutesAgo()
    {
        var sentAt = ReceivedAt.AddMinutes(-4);

        var verdict = _scheme.Verify(Signed(Body, sentAt, Signature(Secret, Body, sentAt)), [Secret], ReceivedAt);

        Assert.Null(verdict.Refusal);
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void RefusesAMessageSignedMoreThanFiveMinutesFromNow(int minutes)
    {
        var sentAt = ReceivedAt.AddMinutes(minutes);

        var verdict = _scheme.Verify(Signed(Body, sentAt, Signature(Secret, Body, sentAt)), [Secret], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.stale-request"), Refusal(verdict));
    }

    [Fact]
    public void RefusesABodyChangedAfterSigning()
    {
        var verdict = _scheme.Verify(Signed(Tampered(Body), ReceivedAt, Signature(Secret, Body, ReceivedAt)), [Secret], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.bad-signature"), Refusal(verdict));
    }

    [Fact]
    public void RefusesATimestampChangedAfterSigning()
    {
        var verdict = _scheme.Verify(Signed(Body, ReceivedAt.AddSeconds(1), Signature(Secret, Body, ReceivedAt)), [Secret], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.bad-signature"), Refusal(verdict));
    }

    [Fact]
    public void RefusesARequestWithoutASignature()
    {
        var request = Request(Body, ("webhook-id", MessageId), ("webhook-timestamp", $"{ReceivedAt.ToUnixTimeSeconds()}"));

        var verdict = _scheme.Verify(request, [Secret], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.missing-signature"), Refusal(verdict));
    }

    private static WebhookRequest Signed(byte[] body, DateTimeOffset sentAt, string signatures) => Request(
        body,
        ("webhook-id", MessageId),
        ("webhook-timestamp", $"{sentAt.ToUnixTimeSeconds()}"),
        ("webhook-signature", signatures));

    private static string Signature(string secret, byte[] body, DateTimeOffset sentAt) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Content(body, sentAt)));

    private static byte[] Content(byte[] body, DateTimeOffset sentAt) =>
        [.. Encoding.UTF8.GetBytes($"{MessageId}.{sentAt.ToUnixTimeSeconds()}."), .. body];
}
