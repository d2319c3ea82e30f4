using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// PagerDuty on loopback: the Scoped OAuth flow of identity.pagerduty.com and the REST API of api.pagerduty.com
/// on one port. Tests register Switchboard's app in <see cref="State"/>, sign a user in, and point
/// <c>OAuth:PagerDuty:*</c> at <see cref="AuthorizeUrl"/>, <see cref="TokenUrl"/>, <see cref="RevokeUrl"/> and
/// <see cref="ApiUrl"/>. Beside <see cref="UserEndpoints"/>: incidents, notes and log entries
/// (<see cref="IncidentEndpoints"/>), users, services and escalation policies (<see cref="DirectoryEndpoints"/>), schedules
/// and on-calls (<see cref="ScheduleEndpoints"/>), the
/// Events API v2, and signed v3 webhooks to <see cref="PagerDutyState.Webhook"/> when an incident changes.
/// </summary>
public sealed class PagerDutyEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebhookSender _webhooks;

    private PagerDutyEmulator(WebApplication app, PagerDutyState state, WebhookSender webhooks)
    {
        _app = app;
        _webhooks = webhooks;
        State = state;
        var address = new Uri(app.Urls.Single());
        AuthorizeUrl = new Uri(address, "/oauth/authorize");
        TokenUrl = new Uri(address, "/oauth/token");
        RevokeUrl = new Uri(address, "/oauth/revoke");
        ApiUrl = address;
    }

    public PagerDutyState State { get; }

    public Uri AuthorizeUrl { get; }

    public Uri TokenUrl { get; }

    public Uri RevokeUrl { get; }

    /// <summary>The REST API's base address, as <c>https://api.pagerduty.com/</c>.</summary>
    public Uri ApiUrl { get; }

    /// <summary>The Events API v2's enqueue endpoint, as <c>https://events.pagerduty.com/v2/enqueue</c>.</summary>
    public Uri EventsUrl => new(ApiUrl, "/v2/enqueue");

    /// <summary>Every v3 webhook sent so far, in order, with what Switchboard answered.</summary>
    public IReadOnlyList<WebhookDelivery> WebhookDeliveries => _webhooks.Deliveries;

    /// <summary>
    /// An alert from monitoring opens an incident on the service, as the Events API does: assigned to the first level
    /// of its escalation policy, by nobody, and sent as <c>incident.triggered</c>.
    /// </summary>
    /// <param name="id">Its id, for a test whose command lines name a known one (PagerDuty's documentation uses PT4KHLK); else a new one.</param>
    public PagerDutyIncident Trigger(PagerDutyService service, string title, string urgency = "high", string? id = null)
    {
        var incident = State.Open(service, title, urgency, null, null, "events_api", null, Guid.NewGuid().ToString("N"), id);
        _webhooks.Send("incident.triggered", incident, null);
        return incident;
    }

    /// <summary>Completes once every webhook queued so far has been delivered (or failed to be).</summary>
    public Task WebhooksSentAsync() => _webhooks.IdleAsync();

    public static async Task<PagerDutyEmulator> StartAsync(TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var state = new PagerDutyState(clock ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PagerDutyEmulator).Assembly.GetName().Name,
            EnvironmentName = "Emulator",
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var webhooks = new WebhookSender(state);
        app.MapIdentity(state);
        app.MapUsers(state);
        app.MapDirectory(state);
        app.MapSchedules(state);
        app.MapIncidents(state, webhooks);
        await app.StartAsync(cancellationToken);
        return new PagerDutyEmulator(app, state, webhooks);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _webhooks.DisposeAsync();
    }
}
