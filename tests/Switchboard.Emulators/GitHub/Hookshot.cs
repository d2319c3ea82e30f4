using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Switchboard.Emulators.GitHub;

/// <summary>
/// Sends webhooks the way GitHub does and records each attempt:
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers. GitHub gives up on a
/// target that has not answered within 10 seconds and never retries by itself:
/// https://docs.github.com/en/webhooks/using-webhooks/handling-failed-webhook-deliveries
/// </summary>
internal sealed class Hookshot(GitHubState state) : IAsyncDisposable
{
    private const string UserAgent = "GitHub-Hookshot/7e4c1b2";
    private const int KeptResponseChars = 2048;

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<Task> _queued = [];

    /// <summary>A redelivery: GitHub answers the request at once and makes the attempt afterwards.</summary>
    public void Queue(GitHubHook hook, string guid, string eventType, byte[] payload)
    {
        lock (_lock)
        {
            _queued.RemoveAll(t => t.IsCompleted);
            _queued.Add(Task.Run(() => SendAsync(hook, guid, eventType, payload, redelivery: true, _stopping.Token)));
        }
    }

    /// <summary>Completes once every queued redelivery has been attempted.</summary>
    public Task IdleAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_queued);
        }
    }

    public async Task<HookDelivery> SendAsync(GitHubHook hook, string guid, string eventType, byte[] payload, bool redelivery, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var url = hook.Url;
        var headers = RequestHeaders(hook, guid, eventType, payload, IdOf(root, hook.Repository is null ? "organization" : "repository"));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var deliveredAt = state.Clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var (statusCode, status, responseHeaders, responseBody) = await AttemptAsync(request, cancellationToken);
        var duration = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 2);

        var action = root.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        var repositoryId = IdOf(root, "repository");
        return state.Record(id => new HookDelivery(
            id, hook.Id, guid, eventType, action, repositoryId, deliveredAt, redelivery, duration,
            statusCode, status, url, headers, payload, responseHeaders, responseBody));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await IdleAsync();
        }
        catch (OperationCanceledException)
        {
            // A redelivery still in flight when the emulator stops is simply never made.
        }

        _stopping.Dispose();
        _http.Dispose();
    }

    private async Task<(int StatusCode, string Status, IReadOnlyDictionary<string, string> Headers, string? Body)> AttemptAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            var code = (int)response.StatusCode;
            return (code, response.IsSuccessStatusCode ? "OK" : $"Invalid HTTP Response: {code}", headers, body.Length <= KeptResponseChars ? body : body[..KeptResponseChars]);
        }
        catch (HttpRequestException)
        {
            return (0, "failed to connect", new Dictionary<string, string>(), null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, "timed out", new Dictionary<string, string>(), null);
        }
    }

    private static Dictionary<string, string> RequestHeaders(GitHubHook hook, string guid, string eventType, byte[] payload, long? targetId)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Accept"] = "*/*",
            ["Content-Type"] = new MediaTypeHeaderValue("application/json").ToString(),
            ["User-Agent"] = UserAgent,
            ["X-GitHub-Delivery"] = guid,
            ["X-GitHub-Event"] = eventType,
            ["X-GitHub-Hook-ID"] = hook.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-GitHub-Hook-Installation-Target-Type"] = hook.Repository is null ? "organization" : "repository",
        };
        if (targetId is { } id)
        {
            headers["X-GitHub-Hook-Installation-Target-ID"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (hook.Secret.Length > 0)
        {
            headers["X-Hub-Signature-256"] = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(hook.Secret), payload));
        }

        return headers;
    }

    private static long? IdOf(JsonElement payload, string property) =>
        payload.TryGetProperty(property, out var owner) && owner.ValueKind == JsonValueKind.Object
            && owner.TryGetProperty("id", out var id) && id.TryGetInt64(out var value)
            ? value
            : null;
}
