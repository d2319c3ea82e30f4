using Switchboard.Core.Errors;
using Switchboard.Core.Events;
using Switchboard.Modules.Notify.Hooks;
using static Switchboard.Modules.Notify.Tests.Hooks.Deliveries;

namespace Switchboard.Modules.Notify.Tests.Hooks;

public sealed class GitHubSchemeTests
{
    private const string Secret = "new-github-secret";
    private const string OldSecret = "old-github-secret";
    private const string DeliveryId = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    private readonly GitHubScheme _scheme = new();

    [Theory]
    [InlineData("github/issues/opened.payload.json", "issues", "Codertocat/Hello-World")]
    [InlineData("github/codinasion-bot/issues.closed.json", "issues", "codinasion/codinasion-bot")]
    [InlineData("github/pull_request/synchronize.payload.json", "pull_request", "Codertocat/Hello-World")]
    [InlineData("github/push/payload.json", "push", "Codertocat/Hello-World")]
    [InlineData("github/workflow_run/completed.payload.json", "workflow_run", "octo-org/octo-repo")]
    public void AcceptsASignedDeliveryKeyedByItsDeliveryIdAndOrderedByRepository(string path, string eventType, string repository)
    {
        var body = Payload(path);

        var verdict = _scheme.Verify(Signed(body, Secret, eventType), [Secret], ReceivedAt);

        Assert.Equal(WebhookVerdict.Accept(DeliveryId, eventType, repository), verdict);
    }

    [Fact]
    public void MatchesTheExampleInGitHubsDocumentation()
    {
        var request = Request(
            "Hello, World!"u8.ToArray(),
            ("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
            ("X-GitHub-Delivery", DeliveryId),
            ("X-GitHub-Event", "ping"));

        var verdict = _scheme.Verify(request, ["It's a Secret to Everybody"], ReceivedAt);

        Assert.Equal(WebhookVerdict.Accept(DeliveryId, "ping", null), verdict);
    }

    [Fact]
    public void AcceptsASignatureMadeWithTheOldSecretWhileSecretsRotate()
    {
        var body = Payload("github/issues/opened.payload.json");

        var verdict = _scheme.Verify(Signed(body, OldSecret), [Secret, OldSecret], ReceivedAt);

        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public void RefusesABodyChangedAfterSigning()
    {
        var body = Payload("github/issues/opened.payload.json");
        var signed = Signed(body, Secret);

        var verdict = _scheme.Verify(signed with { Body = Tampered(body) }, [Secret], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.bad-signature"), Refusal(verdict));
    }

    [Fact]
    public void RefusesASignatureMadeWithASecretNoLongerConfigured()
    {
        var body = Payload("github/issues/opened.payload.json");

        var verdict = _scheme.Verify(Signed(body, OldSecret), [Secret], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.bad-signature"), Refusal(verdict));
    }

    [Fact]
    public void RefusesARequestWithoutASignature()
    {
        var request = Request(Payload("github/push/payload.json"), ("X-GitHub-Delivery", DeliveryId), ("X-GitHub-Event", "push"));

        var verdict = _scheme.Verify(request, [Secret], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.missing-signature"), Refusal(verdict));
    }

    [Fact]
    public void RefusesASignedDeliveryWithoutADeliveryId()
    {
        var body = Payload("github/push/payload.json");
        var request = Request(body, ("X-Hub-Signature-256", $"sha256={HexHmac(Secret, body)}"), ("X-GitHub-Event", "push"));

        var verdict = _scheme.Verify(request, [Secret], ReceivedAt);

        Assert.Equal((ErrorKind.Invalid, "hooks.missing-delivery-id"), Refusal(verdict));
    }

    [Fact]
    public void AcceptsASignedBodyThatIsNotJsonWithoutAnOrderingKey()
    {
        var verdict = _scheme.Verify(Signed("{\"repository\":"u8.ToArray(), Secret), [Secret], ReceivedAt);

        Assert.Equal(WebhookVerdict.Accept(DeliveryId, "issues", null), verdict);
    }

    private static WebhookRequest Signed(byte[] body, string secret, string eventType = "issues") => Request(
        body,
        ("X-Hub-Signature-256", $"sha256={HexHmac(secret, body)}"),
        ("X-GitHub-Delivery", DeliveryId),
        ("X-GitHub-Event", eventType));
}
