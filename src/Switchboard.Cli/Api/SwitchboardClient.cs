using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using Switchboard.Cli.Configuration;

namespace Switchboard.Cli.Api;

/// <summary>The few endpoints of the HTTP API that sb calls, with your token and a bounded wait.</summary>
internal sealed class SwitchboardClient : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    public SwitchboardClient(Connection connection, TimeSpan timeout)
    {
        _http = new HttpClient { BaseAddress = connection.Server, Timeout = timeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("sb", Version));
    }

    public Uri Server => _http.BaseAddress!;

    public TimeSpan Timeout => _http.Timeout;

    private static string Version =>
        typeof(SwitchboardClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <param name="secret">The command's secret input (a token for the vault), sent beside the command line, never in it.</param>
    public async Task<ApiResponse> RunAsync(string text, string? idempotencyKey, string? secret, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/commands")
        {
            Content = secret is null ? JsonContent.Create(new { text }) : JsonContent.Create(new { text, secret }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await SendAsync(request, cancellationToken);
    }

    public async Task<ApiResponse> ListCommandsAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/commands");
        return await SendAsync(request, cancellationToken);
    }

    public async Task<ApiResponse> ReadChannelAsync(string channel, long after, int limit, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"api/channels/{Uri.EscapeDataString(channel)}/messages?after={after}&limit={limit}");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Opens a deployment's server-sent events, resuming after <paramref name="lastEventId"/> when given. The timeout
    /// bounds the wait for the headers only; the caller reads the stream for as long as the deployment runs.
    /// </summary>
    public async Task<HttpResponseMessage> OpenDeploymentEventsAsync(long id, string? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/deploys/{id}/events"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<ApiResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new ApiResponse(response.StatusCode, body, response.ReasonPhrase);
    }
}
