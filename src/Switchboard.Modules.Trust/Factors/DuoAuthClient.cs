using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Trust.Factors;

/// <summary>
/// Duo's Auth API v2 (https://duo.com/docs/authapi): every request is signed with the application's secret key, an
/// HMAC-SHA512 over the date, method, host, path and sorted parameters, sent as the Basic password with the
/// integration key as the user. A push is sent with <c>async=1</c>, and <c>auth_status</c>, which Duo holds open until
/// the transaction changes, is asked again until the person has answered.
/// </summary>
internal sealed class DuoAuthClient(HttpClient http, IOptions<DuoOptions> options, TimeProvider clock, ILogger<DuoAuthClient> logger)
{
    /// <summary>Whether Duo will push to the user now: their account exists, is active, and has a device that takes pushes.</summary>
    public async Task<Error?> CanPushAsync(string username, CancellationToken cancellationToken)
    {
        var (answer, error) = await CallAsync(HttpMethod.Post, "/auth/v2/preauth", [("username", username)], cancellationToken);
        if (answer is null)
        {
            return error;
        }

        var result = Text(answer.Value, "result");
        var canPush = answer.Value.TryGetProperty("devices", out var devices) && devices.ValueKind == JsonValueKind.Array
            && devices.EnumerateArray().Any(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("capabilities", out var capabilities)
                && capabilities.ValueKind == JsonValueKind.Array && capabilities.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.String && c.GetString() == "push"));
        return result switch
        {
            "auth" when canPush => null,
            "auth" => TrustErrors.DuoCannotPush("none of your Duo devices takes pushes; activate Duo Mobile."),
            "enroll" => TrustErrors.DuoCannotPush("you have not enrolled a device with Duo yet."),
            "allow" => TrustErrors.DuoCannotPush("Duo lets your account in without asking, which proves nothing; ask your Duo administrator."),
            _ => TrustErrors.DuoCannotPush(Message(answer.Value) ?? "Duo refuses your account."),
        };
    }

    /// <summary>Sends a push to the user's phone and waits for their answer.</summary>
    /// <param name="type">What the phone shows the request is for, such as <c>Verify</c>.</param>
    /// <returns>Null when they approved; why not, otherwise.</returns>
    public async Task<Error?> PushAsync(string username, string type, CancellationToken cancellationToken)
    {
        var (started, error) = await CallAsync(
            HttpMethod.Post,
            "/auth/v2/auth",
            [("username", username), ("factor", "push"), ("device", "auto"), ("async", "1"), ("type", type)],
            cancellationToken);
        if (started is not { } response || Text(response, "txid") is not { } txid)
        {
            return error ?? Unavailable("its answer to a push had no txid");
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(options.Value.PushTimeout);
        try
        {
            while (true)
            {
                var (status, failed) = await CallAsync(HttpMethod.Get, "/auth/v2/auth_status", [("txid", txid)], patience.Token);
                if (status is not { } answer)
                {
                    return failed;
                }

                switch (Text(answer, "result"))
                {
                    case "allow":
                        return null;
                    case "deny":
                        return TrustErrors.PushDenied(Text(answer, "status_msg") ?? "denied");
                    case not "waiting":
                        return Unavailable("auth_status answered no result Duo documents");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TrustErrors.PushDenied("nobody answered it in time");
        }
    }

    private async Task<(JsonElement? Response, Error? Error)> CallAsync(
        HttpMethod method, string path, IReadOnlyList<(string Name, string Value)> parameters, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return (null, TrustErrors.DuoNotConfigured());
        }

        var date = clock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var query = Canonical(parameters);
        var uri = new Uri(settings.ApiUrl!, method == HttpMethod.Get && query.Length > 0 ? $"{path}?{query}" : path);
        using var request = new HttpRequestMessage(method, uri);
        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent(query, Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        var signature = Sign(settings.SecretKey!, date, method.Method, settings.ApiUrl!.Authority, path, query);
        request.Headers.Date = DateTimeOffset.Parse(date, CultureInfo.InvariantCulture);
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.IntegrationKey!.Trim()}:{signature}")));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = body.RootElement;
            if (response.IsSuccessStatusCode && Text(root, "stat") == "OK" && root.TryGetProperty("response", out var answer) && answer.ValueKind == JsonValueKind.Object)
            {
                return (answer.Clone(), null);
            }

            // 401 is a wrong key or signature, 400 a parameter Duo would not take: an operator's to fix, not the person's.
            return (null, Unavailable($"it answered {(int)response.StatusCode} {Message(root)}"));
        }
        catch (HttpRequestException exception)
        {
            return (null, Unavailable(exception.HttpRequestError.ToString()));
        }
        catch (JsonException)
        {
            return (null, Unavailable("its answer was not JSON"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, Unavailable("it did not answer in time"));
        }
    }

    /// <summary>Parameters sorted by name, each name and value percent-encoded (RFC 3986 unreserved kept), joined by <c>&amp;</c>.</summary>
    public static string Canonical(IEnumerable<(string Name, string Value)> parameters) =>
        string.Join('&', parameters
            .Select(p => (Name: Uri.EscapeDataString(p.Name), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    /// <summary>Hex HMAC-SHA512 of the date, the upper-case method, the lower-case host, the path and the canonical parameters, one per line.</summary>
    public static string Sign(string secretKey, string date, string method, string host, string path, string canonicalParameters) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(
            Encoding.UTF8.GetBytes(secretKey.Trim()),
            Encoding.UTF8.GetBytes(string.Join('\n', date, method.ToUpperInvariant(), host.ToLowerInvariant(), path, canonicalParameters))));

    private static string? Message(JsonElement root) => Text(root, "message") ?? Text(root, "status_msg");

    /// <summary>A string property of an object, or null when Duo's answer has none there (or is no object).</summary>
    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private Error Unavailable(string detail)
    {
        logger.DuoUnavailable(detail);
        return TrustErrors.DuoUnavailable();
    }
}
