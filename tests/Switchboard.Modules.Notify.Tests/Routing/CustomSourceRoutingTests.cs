using System.Net;
using Microsoft.Extensions.Logging;
using Switchboard.Testing;

namespace Switchboard.Modules.Notify.Tests.Routing;

/// <summary>
/// Custom sources end to end: events signed with Standard Webhooks through <c>POST /hooks/{source}</c>, to the
/// owning service's channel, its subscribers and its timeline; and a payload that is not a custom event to the dead letters.
/// </summary>
public sealed class CustomSourceRoutingTests(CustomSourceRoutingTests.CustomSourcesHost host) : IClassFixture<CustomSourceRoutingTests.CustomSourcesHost>
{
    private const string AlertingSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string ChangeControlSecret = "change control's shared secret";
    private const string CiSecret = "whsec_Y2kgc2lnbnMgaXRzIGRlcGxveXMgd2l0aCB0aGlz";

    [Fact]
    public async Task ASignedAlertReachesTheOwningServicesChannelAndItsResolutionClosesIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create checkout-team", cancellationToken);
        await host.RunAsAdminAsync("service create checkout --team payments --channel #checkout-team", cancellationToken);

        var triggered = await host.PostCustomAsync("alerting", Example("alert.triggered.json"), "msg_checkout_alert_1", AlertingSecret, cancellationToken);
        var posted = await host.MessagesEventuallyAsync("checkout-team", 1, cancellationToken);
        var whileOpen = await host.RunAsAdminAsync("service show checkout", cancellationToken);
        var resolved = await host.PostCustomAsync("alerting", Example("alert.resolved.json"), "msg_checkout_alert_2", AlertingSecret, cancellationToken);
        var afterwards = await host.MessagesEventuallyAsync("checkout-team", 2, cancellationToken);
        var closed = await host.RunAsAdminAsync("service show checkout", cancellationToken);
        var activity = await host.RunAsAdminAsync("activity checkout", cancellationToken);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (triggered.StatusCode, resolved.StatusCode));
        Assert.Equal(
            """
            Error: [CRITICAL] Alert triggered on checkout in production: Checkout error rate above 5%
            5xx responses are 7.2% of requests over the last 10 minutes.
            [Dashboard](https://grafana.example.com/d/checkout) · [Runbook](https://wiki.example.com/runbooks/checkout-errors)
            """,
            Assert.Single(posted));
        Assert.Contains("1 open alert:", whileOpen.Text, StringComparison.Ordinal);
        Assert.Equal("[CRITICAL] Alert resolved on checkout in production: Checkout error rate above 5%\n[Dashboard](https://grafana.example.com/d/checkout)", afterwards[1]);
        Assert.Contains("No open alerts.", closed.Text, StringComparison.Ordinal);
        Assert.Matches(
            @"alert closed · \[Checkout error rate above 5%\]\(https://grafana.example.com/d/checkout\) \(alerting\)\n.* · alert · \[Checkout error rate above 5%\]\(https://grafana.example.com/d/checkout\) \(alerting\)",
            activity.Text);
    }

    [Fact]
    public async Task ASeverityFilterLetsOnlyCriticalAlertsThroughToATeamSubscription()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create finance-pager", cancellationToken);
        await host.RunAsAdminAsync("channel create ledger-news", cancellationToken);
        await host.RunAsAdminAsync("service create ledger --team finance", cancellationToken);
        await host.RunAsAdminAsync("subscribe alerting team:finance alerts --filter \"severity:critical\" --in #finance-pager", cancellationToken);
        await host.RunAsAdminAsync("subscribe alerting service:ledger --in #ledger-news", cancellationToken);

        await host.PostCustomAsync("alerting", Alert("Ledger latency above 800 ms", "warning"), "msg_ledger_warning", AlertingSecret, cancellationToken);
        await host.PostCustomAsync("alerting", Alert("Ledger writes failing", "critical"), "msg_ledger_critical", AlertingSecret, cancellationToken);

        // Events are routed in the order they were logged, so once the last has reached one channel, all have been routed.
        var everything = await host.MessagesEventuallyAsync("ledger-news", 2, cancellationToken);
        var pager = await host.MessagesAsync("finance-pager", cancellationToken);
        Assert.Equal("Warning: [WARNING] Alert triggered on ledger: Ledger latency above 800 ms", everything[0]);
        Assert.Equal("Error: [CRITICAL] Alert triggered on ledger: Ledger writes failing", Assert.Single(pager));
    }

    [Fact]
    public async Task AChangeControlNoticeShowsItsWindowRiskAndApproverToTheChannelSubscribedToChanges()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create vault-changes", cancellationToken);
        await host.RunAsAdminAsync("service create vault --team platform", cancellationToken);
        await host.RunAsAdminAsync("subscribe change-control service:vault changes --in #vault-changes", cancellationToken);
        var scheduled = Webhooks.Edited(Example("change.scheduled.json"), change => change["service"] = "vault");

        await host.PostCustomAsync("change-control", """{"type":"notice","title":"Change freeze starts Friday","service":"vault"}"""u8.ToArray(), "chg_notice_1", ChangeControlSecret, cancellationToken);
        await host.PostCustomAsync("change-control", scheduled, "chg_1042_scheduled", ChangeControlSecret, cancellationToken);

        var posted = await host.MessagesEventuallyAsync("vault-changes", 1, cancellationToken);
        Assert.Equal(
            """
            Warning: [WARNING] Change `CHG-1042` scheduled on vault in production: Fail the primary database over to the standby
            Writes pause for about 30 seconds during the switch.
            Rollback: fail back to the old primary.
            Window:   2026-11-26 22:00–23:30 UTC
            Risk:     high
            Approver: Grace Hopper
            [CHG-1042](https://change.example.com/CHG-1042)
            """,
            Assert.Single(posted));
    }

    [Fact]
    public async Task AnEventThatNamesNoServiceIsAboutTheServiceConfiguredForItsSource()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create storefront-team", cancellationToken);
        await host.RunAsAdminAsync("service create storefront --team web --channel #storefront-team", cancellationToken);

        var response = await host.PostCustomAsync(
            "ci", """{"type":"deploy.finished","title":"storefront v88","environment":"production"}"""u8.ToArray(), "build-88", CiSecret, cancellationToken);
        var posted = await host.MessagesEventuallyAsync("storefront-team", 1, cancellationToken);
        var activity = await host.RunAsAdminAsync("activity storefront", cancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Deployed on storefront in production: storefront v88", Assert.Single(posted));
        Assert.Matches(@" · deploy · storefront v88 \(ci\)$", activity.Text);
    }

    [Fact]
    public async Task AnEventAboutARepositoryAndNoServiceReachesTheServiceThatClaimsTheRepository()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create shop-team", cancellationToken);
        await host.RunAsAdminAsync("service create shop --team web --repo acme/checkout --channel #shop-team", cancellationToken);

        await host.PostCustomAsync("change-control", Example("deploy.finished.json"), "chg_deploy_5521", ChangeControlSecret, cancellationToken);
        var posted = await host.MessagesEventuallyAsync("shop-team", 1, cancellationToken);

        Assert.Equal(
            "Deployed in production: checkout 2026.11.25-3 (a1b2c3d)\nRepository: acme/checkout\n[ci.example.com](https://ci.example.com/builds/5521)",
            Assert.Single(posted));
    }

    [Fact]
    public async Task APayloadThatVerifiesButIsNotACustomEventIsAcceptedDeadLetteredWithItsErrorAndTheNextOneStillArrives()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create relay-team", cancellationToken);
        await host.RunAsAdminAsync("service create relay --team ops --channel #relay-team", cancellationToken);

        var garbled = await host.PostCustomAsync("alerting", "alert! relay is down"u8.ToArray(), "msg_garbled", AlertingSecret, cancellationToken);
        var untitled = await host.PostCustomAsync("alerting", """{"type":"alert.triggered","service":"relay"}"""u8.ToArray(), "msg_untitled", AlertingSecret, cancellationToken);
        var unknownSeverity = await host.PostCustomAsync("alerting", Alert("Relay queue backing up", "sev1", "relay"), "msg_sev1", AlertingSecret, cancellationToken);
        await host.PostCustomAsync("alerting", Alert("Relay is down", "error", "relay"), "msg_relay_down", AlertingSecret, cancellationToken);

        var posted = await host.MessagesEventuallyAsync("relay-team", 1, cancellationToken);
        var logs = host.Logs.GetSnapshot();
        var errors = logs.Where(r => r.Id.Name == "HandlerFailed").Select(r => $"{r.Exception?.GetType().Name}: {r.Exception?.Message}").Distinct().ToList();

        Assert.Equal(
            (HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted),
            (garbled.StatusCode, untitled.StatusCode, unknownSeverity.StatusCode));
        Assert.Equal("Error: [ERROR] Alert triggered on relay: Relay is down", Assert.Single(posted));
        Assert.Equal(3, logs.Count(r => r.Level == LogLevel.Error && r.Id.Name == "DeadLettered" && r.Message.StartsWith("Consumer notify ", StringComparison.Ordinal)));
        Assert.Equal(
            [
                "JsonReaderException: 'a' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0.",
                "JsonException: Not a custom event: title is missing.",
                "JsonException: Not a custom event: severity 'sev1' is not one of info, warning, error, critical.",
            ],
            errors);
    }

    [Fact]
    public async Task SubscribeNamesTheCustomSourcesConfiguredHereAndWhatTheySend()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await host.RunAsAdminAsync("channel create choosing", cancellationToken);

        var unknownSource = await host.RunAsync(host.Admin, "subscribe nagios team:ops --in #choosing", cancellationToken);
        var unknownFeature = await host.RunAsync(host.Admin, "subscribe ci team:ops incidents --in #choosing", cancellationToken);
        await host.RunAsAdminAsync("subscribe CI team:ops --in #choosing", cancellationToken);
        var listed = await host.RunAsAdminAsync("subscriptions #choosing", cancellationToken);

        Assert.Equal(
            ("notify.unknown-source", "'nagios' is not a source Switchboard knows; use one of github, pagerduty, sentry, rollbar, librato, alerting, change-control, ci."),
            (unknownSource.Code, unknownSource.Detail));
        Assert.Equal(
            ("notify.unknown-feature", "'incidents' is not something ci sends; use any of alerts, deploys, changes, notices."),
            (unknownFeature.Code, unknownFeature.Detail));
        Assert.Equal("alerts, deploys, changes, notices", listed.Field("ci `team:ops`"));
    }

    private static byte[] Example(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Notifications", "CustomEvents", name));

    private static byte[] Alert(string title, string severity, string service = "ledger") =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { type = "alert.triggered", title, severity, service });

    /// <summary>Three custom sources: one keyed the Standard Webhooks way, one by a plain secret, and one with a default service.</summary>
    public sealed class CustomSourcesHost : SqliteHost
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Hooks:alerting:Secrets:0"] = AlertingSecret,
            ["Hooks:change-control:Secrets:0"] = ChangeControlSecret,
            ["Hooks:ci:Secrets:0"] = CiSecret,
            ["Hooks:ci:Service"] = "storefront",
        };
    }
}
