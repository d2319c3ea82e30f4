using System.Net;

namespace Switchboard.Modules.Paging.Tests.AcknowledgeIncident;

/// <summary>
/// Commands on an incident act as the person on PagerDuty: with their own OAuth token, else with the account key and
/// their proven login e-mail in <c>From</c>; a person PagerDuty never proved is refused before anything is sent.
/// </summary>
public sealed class ActingAsThePersonTests(PagingHost host) : IClassFixture<PagingHost>
{
    [Fact]
    public async Task AcknowledgingByCommandIsRecordedByPagerDutyAsThePersonsOwnAction()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (person, user) = await host.AddConnectedPersonAsync("ack-ada", cancellationToken);
        var service = host.PagerDuty.State.AddService("checkout", host.PagerDuty.State.AddEscalationPolicy("checkout", [user]));
        var incident = host.PagerDuty.Trigger(service, "Checkout is failing");

        var acknowledged = await host.RunAsync(person, $"pages ack {incident.Id}", cancellationToken);

        Assert.True(acknowledged.IsSuccess, acknowledged.Detail);
        Assert.Equal("acknowledged", incident.Status);
        Assert.Contains($"You acknowledged incident #{incident.Number} on PagerDuty.", acknowledged.Text, StringComparison.Ordinal);
        Assert.Equal("@ack-ada", acknowledged.Field("Assigned to"));
        var action = host.PagerDuty.State.Actions.Last(a => a.IncidentId == incident.Id);
        Assert.Equal(("acknowledge", user, "oauth"), (action.Action, action.By, action.Via));
    }

    [Fact]
    public async Task WithoutTheirTokenTheAccountKeyActsWithTheirProvenEmailAsFrom()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (person, user) = await host.AddConnectedPersonAsync("key-kim", cancellationToken);
        await host.RunAsync(person, "vault remove pagerduty", cancellationToken);
        var service = host.PagerDuty.State.AddService("billing", host.PagerDuty.State.AddEscalationPolicy("billing", [user]));
        var incident = host.PagerDuty.Trigger(service, "Invoices are late");

        var resolved = await host.RunAsync(person, $"pages resolve {incident.Id}", cancellationToken);

        Assert.True(resolved.IsSuccess, resolved.Detail);
        Assert.Equal("resolved", incident.Status);
        var action = host.PagerDuty.State.Actions.Last(a => a.IncidentId == incident.Id);
        Assert.Equal(("resolve", user, "api_token"), (action.Action, action.By, action.Via));
    }

    [Fact]
    public async Task AClaimedAccountIsRefusedWithTheLinkToConnectAndNothingReachesPagerDuty()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var claimer = await host.AddPersonAsync("claim-cal", cancellationToken);
        var user = host.PagerDuty.State.AddUser("claim-cal@example.com", "Cal");
        await host.RunAsync(claimer, $"rolodex link pagerduty {user.Id}", cancellationToken);
        var service = host.PagerDuty.State.AddService("search", host.PagerDuty.State.AddEscalationPolicy("search", [user]));
        var incident = host.PagerDuty.Trigger(service, "Search is slow");

        var refused = await host.RunAsync(claimer, $"pages ack {incident.Id}", cancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("paging.no-proven-account", refused.Code);
        Assert.Contains("rolodex connect pagerduty", refused.Detail, StringComparison.Ordinal);
        Assert.Equal("triggered", incident.Status);
        Assert.DoesNotContain(host.PagerDuty.State.Actions, a => a.IncidentId == incident.Id && a.Action != "trigger");
    }

    [Fact]
    public async Task PagerDutysRefusalsAreSpecificErrorsNeverServerErrors()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (person, user) = await host.AddConnectedPersonAsync("err-eve", cancellationToken);
        var service = host.PagerDuty.State.AddService("mail", host.PagerDuty.State.AddEscalationPolicy("mail", [user]));
        var incident = host.PagerDuty.Trigger(service, "Mail bounces");

        var unknown = await host.RunAsync(person, "pages ack PNOSUCH", cancellationToken);
        var malformed = await host.RunAsync(person, "pages ack ../users", cancellationToken);
        host.PagerDuty.State.FailNext(HttpStatusCode.TooManyRequests);
        var limited = await host.RunAsync(person, $"pages ack {incident.Id}", cancellationToken);
        host.PagerDuty.State.FailNext(HttpStatusCode.InternalServerError);
        var failed = await host.RunAsync(person, $"pages show {incident.Id}", cancellationToken);
        await host.RunAsync(person, $"pages resolve {incident.Id}", cancellationToken);
        var again = await host.RunAsync(person, $"pages resolve {incident.Id}", cancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, "paging.unknown-incident"), (unknown.Status, unknown.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "paging.invalid-incident-id"), (malformed.Status, malformed.Code));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "paging.rate-limited"), (limited.Status, limited.Code));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "paging.pagerduty-unavailable"), (failed.Status, failed.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "paging.pagerduty-refused"), (again.Status, again.Code));
        Assert.Contains("Incident Already Resolved", again.Detail, StringComparison.Ordinal);
    }
}
