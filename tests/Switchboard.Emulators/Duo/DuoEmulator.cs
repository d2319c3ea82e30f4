using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Switchboard.Emulators.Duo;

/// <summary>A Duo Auth API on loopback, for one application whose keys are <see cref="DuoState.IntegrationKey"/> and <see cref="DuoState.SecretKey"/>.</summary>
public sealed class DuoEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DuoEmulator(WebApplication app, DuoState state)
    {
        _app = app;
        State = state;
        ApiUrl = new Uri(app.Urls.Single());
    }

    public DuoState State { get; }

    /// <summary>The application's API hostname, as a URL.</summary>
    public Uri ApiUrl { get; }

    public static async Task<DuoEmulator> StartAsync(TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var state = new DuoState(clock ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DuoEmulator).Assembly.GetName().Name,
            EnvironmentName = "Emulator",
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapAuth(state);
        await app.StartAsync(cancellationToken);
        return new DuoEmulator(app, state);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
