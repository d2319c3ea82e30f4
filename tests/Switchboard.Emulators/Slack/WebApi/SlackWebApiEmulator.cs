using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Emulators.Slack.SocketMode;

namespace Switchboard.Emulators.Slack.WebApi;

/// <summary>
/// Slack's Web API on loopback, in its documented shapes: one seeded workspace (<see cref="SlackState"/>) that tests
/// arrange, a record of every call, and faults on demand (429 with <c>Retry-After</c>, a post that is kept but
/// never answered). Point <c>Slack:ApiBaseUrl</c> at <see cref="ApiUrl"/> and <c>Slack:BotToken</c> at
/// <see cref="SlackState.BotToken"/>.
/// </summary>
public sealed class SlackWebApiEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SlackWebApiEmulator(WebApplication app, SlackState state, SlackSocketMode socketMode)
    {
        _app = app;
        State = state;
        SocketMode = socketMode;
        ApiUrl = new Uri(new Uri(app.Urls.Single()), "/api/");
    }

    public SlackState State { get; }

    /// <summary>Slack's side of Socket Mode, whose addresses <c>apps.connections.open</c> hands out to <see cref="SlackState.AppToken"/>.</summary>
    public SlackSocketMode SocketMode { get; }

    /// <summary>The Web API's base address, ending in <c>/api/</c> as <c>https://slack.com/api/</c> does.</summary>
    public Uri ApiUrl { get; }

    /// <param name="clock">Stamps messages (<c>ts</c>) and calls; a test shares its fake clock with the system it tests.</param>
    public static async Task<SlackWebApiEmulator> StartAsync(TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var state = new SlackState(clock ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SlackWebApiEmulator).Assembly.GetName().Name,
            EnvironmentName = "Emulator",
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var socketMode = new SlackSocketMode();
        app.UseWebSockets();
        app.MapWebApi(state, socketMode);
        app.Map(SlackSocketMode.LinkPath, socketMode.AcceptAsync);
        await app.StartAsync(cancellationToken);
        return new SlackWebApiEmulator(app, state, socketMode);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
