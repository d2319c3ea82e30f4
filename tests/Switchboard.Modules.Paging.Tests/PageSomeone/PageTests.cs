using System.Net;

namespace Switchboard.Modules.Paging.Tests.PageSomeone;

/// <summary><c>page</c> opens an incident on PagerDuty made by the requester, for the person, team or service named.</summary>
public sealed class PageTests(PagingHost host) : IClassFixture<PagingHost>
{
    [Fact]
    public async Task PagingAPersonCreatesAnIncidentAssignedToThemMadeByTheRequester()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (requester, requesterUser) = await host.AddConnectedPersonAsync("page-rita", cancellationToken);
        var (_, paged) = await host.AddConnectedPersonAsync("page-bob", cancellationToken);
        var service = host.PagerDuty.State.AddService("database", host.PagerDuty.State.AddEscalationPolicy("dba", [requesterUser]));
        await host.RunAsAdminAsync("team create dba", cancellationToken);
        await host.RunAsAdminAsync("team add dba @page-bob", cancellationToken);
        await host.RunAsAdminAsync($"service create database --team dba --pagerduty {service.Id}", cancellationToken);

        var outcome = await host.RunAsync(requester, "page @page-bob \"db down\" --urgency low", cancellationToken);

        Assert.True(outcome.IsSuccess, outcome.Detail);
        var incident = Assert.Single(host.PagerDuty.State.Incidents, i => i.Title == "db down");
        Assert.Equal([paged], incident.Assignees);
        Assert.Equal((service, "low"), (incident.Service, incident.Urgency));
        var made = Assert.Single(host.PagerDuty.State.Actions, a => a.IncidentId == incident.Id);
        Assert.Equal(("trigger", requesterUser, "oauth"), (made.Action, made.By, made.Via));
        Assert.Contains($"You paged @page-bob: incident #{incident.Number} on PagerDuty.", outcome.Text, StringComparison.Ordinal);
        Assert.Equal("@page-bob", outcome.Field("Assigned to"));
    }

    [Fact]
    public async Task PagingATeamUsesItsServicesEscalationPolicy()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (requester, _) = await host.AddConnectedPersonAsync("page-tess", cancellationToken);
        var onCall = host.PagerDuty.State.AddUser("first@example.com", "First Responder");
        var service = host.PagerDuty.State.AddService("web", host.PagerDuty.State.AddEscalationPolicy("web", [onCall]));
        await host.RunAsAdminAsync("team create web", cancellationToken);
        await host.RunAsAdminAsync($"service create storefront --team web --pagerduty {service.Id}", cancellationToken);

        var outcome = await host.RunAsync(requester, "page web the storefront is down", cancellationToken);

        Assert.True(outcome.IsSuccess, outcome.Detail);
        var incident = Assert.Single(host.PagerDuty.State.Incidents, i => i.Title == "the storefront is down");
        Assert.Equal([onCall], incident.Assignees);
        Assert.Equal("high", incident.Urgency);
        Assert.Equal("First Responder", outcome.Field("Assigned to"));
    }

    [Fact]
    public async Task PagingSomeoneWithoutAProvenAccountOrSomethingUnknownIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (requester, _) = await host.AddConnectedPersonAsync("page-uma", cancellationToken);
        await host.AddPersonAsync("page-nolink", cancellationToken);
        var before = host.PagerDuty.State.Incidents.Count;

        var notConnected = await host.RunAsync(requester, "page @page-nolink help", cancellationToken);
        var nobody = await host.RunAsync(requester, "page @page-ghost help", cancellationToken);
        var nothing = await host.RunAsync(requester, "page no-such-thing help", cancellationToken);
        var urgency = await host.RunAsync(requester, "page @page-nolink help --urgency now", cancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "paging.person-not-connected"), (notConnected.Status, notConnected.Code));
        Assert.Equal((HttpStatusCode.NotFound, "paging.unknown-person"), (nobody.Status, nobody.Code));
        Assert.Equal((HttpStatusCode.NotFound, "paging.unknown-target"), (nothing.Status, nothing.Code));
        Assert.Equal(HttpStatusCode.BadRequest, urgency.Status);
        Assert.Equal(before, host.PagerDuty.State.Incidents.Count);
    }
}
