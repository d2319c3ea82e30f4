using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Emulators.GitHub.Checks;
using Switchboard.Emulators.GitHub.Deployments;
using Switchboard.Emulators.GitHub.Hooks;
using Switchboard.Emulators.GitHub.WebFlow;

namespace Switchboard.Emulators.GitHub;

/// <summary>
/// GitHub on loopback: its REST API in the documented shapes, served under <c>/api/v3/</c> as GitHub
/// Enterprise Server serves it (Octokit rewrites any base URL but github.com's to that prefix), and its
/// webhook sender. Tests arrange <see cref="State"/>, point Switchboard at <see cref="ApiUrl"/>, and make
/// GitHub deliver events with <see cref="DeliverAsync"/>.
/// </summary>
public sealed class GitHubEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Hookshot _hookshot;
    private readonly Socket _closedPort;

    private GitHubEmulator(WebApplication app, GitHubState state, Hookshot hookshot, Socket closedPort)
    {
        _app = app;
        State = state;
        _hookshot = hookshot;
        _closedPort = closedPort;
        var address = new Uri(app.Urls.Single());
        ApiUrl = new Uri(address, "/api/v3/");
        AuthorizeUrl = new Uri(address, "/login/oauth/authorize");
        TokenUrl = new Uri(address, "/login/oauth/access_token");
        var closed = (IPEndPoint)closedPort.LocalEndPoint!;
        UnreachableUrl = new Uri($"http://{closed.Address}:{closed.Port}/hooks/github");
    }

    public GitHubState State { get; }

    /// <summary>The REST API's base address, ending in <c>/api/v3/</c>.</summary>
    public Uri ApiUrl { get; }

    /// <summary>Where the web application flow sends the browser: <c>/login/oauth/authorize</c>.</summary>
    public Uri AuthorizeUrl { get; }

    /// <summary>Where codes and refresh tokens are exchanged: <c>/login/oauth/access_token</c>.</summary>
    public Uri TokenUrl { get; }

    /// <summary>
    /// An address where nothing answers: a loopback port that is bound and never listened on, so every
    /// connection is refused, as when the target is down. A hook pointed here fails to deliver.
    /// </summary>
    public Uri UnreachableUrl { get; }

    /// <param name="clock">Stamps deliveries and runs the rate limit's hour; a test shares its fake clock with the system it tests.</param>
    public static async Task<GitHubEmulator> StartAsync(TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var state = new GitHubState(clock ?? TimeProvider.System);
        var hookshot = new Hookshot(state);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GitHubEmulator).Assembly.GetName().Name,
            EnvironmentName = "Emulator",
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();

        var api = app.MapGroup("/api/v3").RequireToken(state);
        api.MapHooks(state, hookshot);
        app.MapWebFlow(state);
        app.MapCommitChecks(state);
        app.MapDeployments(state);

        await app.StartAsync(cancellationToken);
        var closedPort = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closedPort.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new GitHubEmulator(app, state, hookshot, closedPort);
    }

    /// <summary>Delivers an event to the hook now, as GitHub does when it happens, under a new GUID; returns the recorded attempt.</summary>
    public Task<HookDelivery> DeliverAsync(GitHubHook hook, string eventType, byte[] payload, CancellationToken cancellationToken) =>
        _hookshot.SendAsync(hook, Guid.NewGuid().ToString(), eventType, payload, redelivery: false, cancellationToken);

    /// <summary>
    /// Delivers a real GitHub payload from the shared fixtures (copied into the test's output as
    /// <c>fixtures/</c>), e.g. <c>issues/opened.payload.json</c>; the folder names the event.
    /// </summary>
    public async Task<HookDelivery> DeliverFixtureAsync(GitHubHook hook, string fixture, CancellationToken cancellationToken)
    {
        var payload = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "github", fixture), cancellationToken);
        return await DeliverAsync(hook, fixture.Split('/')[0], payload, cancellationToken);
    }

    /// <summary>Completes once every redelivery GitHub has accepted has been attempted.</summary>
    public Task RedeliveriesAttemptedAsync() => _hookshot.IdleAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _hookshot.DisposeAsync();
        _closedPort.Dispose();
    }
}
