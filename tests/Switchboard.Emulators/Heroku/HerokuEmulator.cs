using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Emulators.Heroku.Platform;

namespace Switchboard.Emulators.Heroku;

/// <summary>
/// Heroku on loopback: the web authorization flow of id.heroku.com and the Platform API of api.heroku.com on
/// one port. Tests register Switchboard's client in <see cref="State"/>, sign an account in, and point
/// Switchboard's <c>OAuth:Heroku:*</c> settings at <see cref="AuthorizeUrl"/>, <see cref="TokenUrl"/> and
/// <see cref="ApiUrl"/>; tests arrange apps and pipelines in <see cref="HerokuState.Platform"/>.
/// </summary>
public sealed class HerokuEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _sourceFetcher;

    private HerokuEmulator(WebApplication app, HerokuState state, HttpClient sourceFetcher)
    {
        _app = app;
        _sourceFetcher = sourceFetcher;
        State = state;
        var address = new Uri(app.Urls.Single());
        AuthorizeUrl = new Uri(address, "/oauth/authorize");
        TokenUrl = new Uri(address, "/oauth/token");
        ApiUrl = address;
    }

    public HerokuState State { get; }

    /// <summary>id.heroku.com's <c>/oauth/authorize</c>.</summary>
    public Uri AuthorizeUrl { get; }

    /// <summary>id.heroku.com's <c>/oauth/token</c>.</summary>
    public Uri TokenUrl { get; }

    /// <summary>The Platform API's base address, as <c>https://api.heroku.com/</c>.</summary>
    public Uri ApiUrl { get; }

    public static async Task<HerokuEmulator> StartAsync(TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var state = new HerokuState(clock ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(HerokuEmulator).Assembly.GetName().Name,
            EnvironmentName = "Emulator",
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapIdentity(state);
        app.MapAccount(state);
        // Heroku fetches a build's source_blob.url itself, following redirects as curl -L does.
        var sourceFetcher = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        app.MapPlatform(state, sourceFetcher);
        app.MapPipelines(state);
        await app.StartAsync(cancellationToken);
        return new HerokuEmulator(app, state, sourceFetcher);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _sourceFetcher.Dispose();
    }
}
