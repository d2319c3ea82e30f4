using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Notify.RedeliverMissedGitHubDeliveries;

/// <summary>
/// The hook deliveries API, as the reconciler's service credential: list a hook's recent deliveries and ask
/// for one again. Octokit (14.0) has no client for these endpoints, so this is a small typed one:
/// https://docs.github.com/en/rest/webhooks/repo-deliveries and https://docs.github.com/en/rest/orgs/webhooks.
/// Expected failures (a refused token, a hook it cannot see, a spent rate limit, GitHub unreachable) are values.
/// </summary>
internal sealed class GitHubHooksClient(HttpClient http, IOptions<GitHubReconcilerOptions> options, TimeProvider clock)
{
    public const int PageSize = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="page">The previous page's <c>next</c> link, or null for the newest deliveries.</param>
    public async Task<GitHubAnswer<DeliveriesPage>> ListDeliveriesAsync(WatchedHook hook, Uri? page, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, page ?? new Uri($"{hook.ApiPath}/deliveries?per_page={PageSize}", UriKind.Relative));
        return await SendAsync(request, hook, async response =>
        {
            var deliveries = await response.Content.ReadFromJsonAsync<List<HookDeliveryItem>>(Json, cancellationToken) ?? [];
            return new DeliveriesPage(deliveries, NextPage(response));
        }, cancellationToken);
    }

    /// <summary>GitHub answers 202 and delivers again later, with the same GUID and <c>redelivery: true</c>.</summary>
    public async Task<GitHubAnswer<long>> RedeliverAsync(WatchedHook hook, long deliveryId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Post, new Uri($"{hook.ApiPath}/deliveries/{deliveryId.ToString(CultureInfo.InvariantCulture)}/attempts", UriKind.Relative));
        return await SendAsync(request, hook, _ => Task.FromResult(deliveryId), cancellationToken);
    }

    private async Task<GitHubAnswer<T>> SendAsync<T>(
        HttpRequestMessage request, WatchedHook hook, Func<HttpResponseMessage, Task<T>> read, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.Reconciler.Token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var spentUntil = RateLimitSpentUntil(response);
            if (response.IsSuccessStatusCode)
            {
                return new GitHubAnswer<T>(await read(response), null, spentUntil);
            }

            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => GitHubAnswer<T>.Failed(NotifyErrors.GitHubBadCredentials(hook)),
                HttpStatusCode.NotFound => GitHubAnswer<T>.Failed(NotifyErrors.GitHubHookNotFound(hook)),
                HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests when RetryAt(response) is { } retryAt =>
                    GitHubAnswer<T>.Failed(NotifyErrors.GitHubRateLimited(retryAt), retryAt),
                HttpStatusCode.Forbidden => GitHubAnswer<T>.Failed(NotifyErrors.GitHubHookNotFound(hook)),
                _ => GitHubAnswer<T>.Failed(NotifyErrors.GitHubUnavailable(hook, $"it answered {(int)response.StatusCode}")),
            };
        }
        catch (HttpRequestException exception)
        {
            return GitHubAnswer<T>.Failed(NotifyErrors.GitHubUnavailable(hook, exception.HttpRequestError.ToString()));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return GitHubAnswer<T>.Failed(NotifyErrors.GitHubUnavailable(hook, "it did not answer in time"));
        }
        catch (JsonException)
        {
            return GitHubAnswer<T>.Failed(NotifyErrors.GitHubUnavailable(hook, "its answer was not the documented JSON"));
        }
    }

    /// <summary>
    /// The cursor-paginated <c>next</c> link, followed only on GitHub's own origin: the token goes wherever
    /// the link points.
    /// </summary>
    private Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var next = string.Join(',', values).Split(',')
            .Select(link => link.Split(';', StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length > 1 && parts.Skip(1).Contains("rel=\"next\"", StringComparer.Ordinal) && parts[0].StartsWith('<') && parts[0].EndsWith('>'))
            .Select(parts => Uri.TryCreate(parts[0][1..^1], UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault();
        var api = options.Value.ApiBaseAddress;
        return next is not null && Uri.Compare(next, api, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? next
            : null;
    }

    /// <summary>
    /// When a refused request may be tried again, if it was refused for the rate limit: <c>Retry-After</c>
    /// (a secondary limit), else <c>X-RateLimit-Reset</c> once <c>X-RateLimit-Remaining</c> is 0, else a
    /// minute for a 429: https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
    /// </summary>
    private DateTimeOffset? RetryAt(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            return retryAfter.Delta is { } delta ? clock.GetUtcNow() + delta : retryAfter.Date;
        }

        return RateLimitSpentUntil(response)
            ?? (response.StatusCode == HttpStatusCode.TooManyRequests ? clock.GetUtcNow().AddMinutes(1) : null);
    }

    /// <summary>The reset time, when the response says no requests are left in this window.</summary>
    private static DateTimeOffset? RateLimitSpentUntil(HttpResponseMessage response) =>
        Header(response, "X-RateLimit-Remaining") == "0"
        && long.TryParse(Header(response, "X-RateLimit-Reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset)
            ? DateTimeOffset.FromUnixTimeSeconds(reset)
            : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>What GitHub answered: a value or an <see cref="Error"/>, and, once the rate limit is spent, when to ask again.</summary>
internal sealed record GitHubAnswer<T>(T? Value, Error? Error, DateTimeOffset? RateLimitedUntil)
{
    public static GitHubAnswer<T> Failed(Error error, DateTimeOffset? rateLimitedUntil = null) => new(default, error, rateLimitedUntil);
}

/// <param name="Next">The next (older) page, or null on the last.</param>
internal sealed record DeliveriesPage(IReadOnlyList<HookDeliveryItem> Deliveries, Uri? Next);

/// <summary>One attempt GitHub made to deliver an event to the hook; a redelivery is a new attempt with the same <see cref="Guid"/>.</summary>
/// <param name="Guid">The event's GUID, sent as <c>X-GitHub-Delivery</c>: the dedupe key Switchboard's log keeps.</param>
/// <param name="Status"><c>OK</c> when the target answered 2xx.</param>
internal sealed record HookDeliveryItem(
    long Id,
    string Guid,
    DateTimeOffset DeliveredAt,
    bool Redelivery,
    string Status,
    int StatusCode,
    string Event,
    string? Action)
{
    public bool IsOk => Status == "OK";
}
