using System.Text;
using Switchboard.Core.Errors;
using Switchboard.Core.Events;
using Switchboard.Modules.Notify.Hooks;
using static Switchboard.Modules.Notify.Tests.Hooks.Deliveries;

namespace Switchboard.Modules.Notify.Tests.Hooks;

public sealed class SharedTokenSchemeTests
{
    private const string Token = "new-shared-token";
    private const string OldToken = "old-shared-token";
    private const string NewItemPath = "rollbar/telegraf/new_item.json";

    [Theory]
    [InlineData(NewItemPath, "new_item")]
    [InlineData("rollbar/telegraf/deploy.json", "deploy")]
    public void AcceptsARollbarEventWithTheTokenInItsUrl(string path, string eventName)
    {
        var body = Payload(path);

        var verdict = SharedTokenScheme.Rollbar.Verify(Request(body) with { UrlToken = Token }, [Token], ReceivedAt);

        Assert.Equal(WebhookVerdict.Accept(BodyHashKey(body), eventName, null), verdict);
    }

    [Theory]
    [InlineData("librato/zulip/alert.json", "alert.triggered")]
    [InlineData("librato/zulip/three_conditions_alert.json", "alert.triggered")]
    [InlineData("librato/zulip/librato_alert_cleared.json", "alert.cleared")]
    public void ReadsWhetherALibratoAlertFiredOrClearedFromItsForm(string path, string eventType)
    {
        var form = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(Encoding.UTF8.GetString(Payload(path))));

        var verdict = SharedTokenScheme.Librato.Verify(Request(form) with { UrlToken = Token }, [Token], ReceivedAt);

        Assert.Equal(WebhookVerdict.Accept(BodyHashKey(form), eventType, null), verdict);
    }

    [Fact]
    public void AcceptsTheTokenAsABasicPassword()
    {
        var verdict = SharedTokenScheme.Rollbar.Verify(Request(Payload(NewItemPath)) with { BasicPassword = Token }, [Token], ReceivedAt);

        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public void AcceptsTheOldTokenWhileTokensRotate()
    {
        var verdict = SharedTokenScheme.Rollbar.Verify(Request(Payload(NewItemPath)) with { UrlToken = OldToken }, [Token, OldToken], ReceivedAt);

        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public void RefusesAWrongToken()
    {
        var verdict = SharedTokenScheme.Rollbar.Verify(Request(Payload(NewItemPath)) with { UrlToken = "guessed" }, [Token], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.bad-token"), Refusal(verdict));
    }

    [Fact]
    public void RefusesARequestWithoutAToken()
    {
        var verdict = SharedTokenScheme.Rollbar.Verify(Request(Payload(NewItemPath)), [Token], ReceivedAt);

        Assert.Equal((ErrorKind.Unauthenticated, "hooks.missing-token"), Refusal(verdict));
    }
}
