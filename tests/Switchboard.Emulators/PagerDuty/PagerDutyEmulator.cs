using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Switchboard.Emulators.PagerDuty;

/// <summary>
/// PagerDuty on loopback: the Scoped OAuth flow of identity.pagerduty.com and the REST API of api.pagerduty.com
/// on one port. Tests register Switchboard's app in <see cref="State"/>, sign a user in, and point
/// <c>OAuth:PagerDuty:*</c> at <see cref="AuthorizeUrl"/>, <see cref="TokenUrl"/>, <see cref="RevokeUrl"/> and
/// <see cref="ApiUrl"/>. The paging issue adds incidents beside <see cref="UserEndpoints"/>.
/// </summary>
public sealed class PagerDutyEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PagerDutyEmulator(WebApplication app, PagerDutyState state)
    {
        _app = app;
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
        app.MapIdentity(state);
        app.MapUsers(state);
        await app.StartAsync(cancellationToken);
        return new PagerDutyEmulator(app, state);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
