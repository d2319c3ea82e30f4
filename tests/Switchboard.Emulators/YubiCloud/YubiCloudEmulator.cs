using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Switchboard.Emulators.YubiCloud;

/// <summary>
/// A YubiCloud-compatible validation server on loopback (protocol 2.0). It knows one API client,
/// <see cref="ClientId"/> with <see cref="ApiKey"/>, and the keys tests add with <see cref="YubiCloudState.AddKey"/>.
/// </summary>
public sealed class YubiCloudEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private YubiCloudEmulator(WebApplication app, YubiCloudState state, string apiKey)
    {
        _app = app;
        State = state;
        ApiKey = apiKey;
        ValidationUrl = new Uri(new Uri(app.Urls.Single()), "/wsapi/2.0/verify");
    }

    public const string ClientId = "87";

    public YubiCloudState State { get; }

    /// <summary>The client's API key, base64, as Yubico issues it.</summary>
    public string ApiKey { get; }

    public Uri ValidationUrl { get; }

    public static async Task<YubiCloudEmulator> StartAsync(TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var state = new YubiCloudState(clock ?? TimeProvider.System);
        var apiKey = state.AddClient(ClientId);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(YubiCloudEmulator).Assembly.GetName().Name,
            EnvironmentName = "Emulator",
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapVerify(state);
        await app.StartAsync(cancellationToken);
        return new YubiCloudEmulator(app, state, apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
