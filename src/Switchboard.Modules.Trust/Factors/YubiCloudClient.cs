using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Trust.Factors;

/// <summary>
/// Asks a YubiCloud-compatible server whether an OTP is valid, with validation protocol 2.0
/// (https://developers.yubico.com/yubikey-val/Validation_Protocol_V2.0.html): the request is signed with
/// the API key, and an answer counts only when its signature, its <c>otp</c> and its <c>nonce</c> match.
/// </summary>
internal sealed class YubiCloudClient(HttpClient http, IOptions<YubiCloudOptions> options, ILogger<YubiCloudClient> logger)
{
    /// <returns>The key's counter when the server vouches for the OTP (with <c>timestamp=1</c> it tells it), or why not.</returns>
    public async Task<(int? Counter, Error? Error)> ValidateAsync(YubiKeyOtp otp, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return (null, TrustErrors.YubiCloudNotConfigured());
        }

        var apiKey = settings.ApiKey is { } key ? Convert.FromBase64String(key.Trim()) : null;
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = settings.ClientId!.Trim(),
            ["nonce"] = nonce,
            ["otp"] = otp.Text,
            ["timestamp"] = "1",
        };
        if (apiKey is not null)
        {
            parameters["h"] = Signature(parameters, apiKey);
        }

        var query = string.Join('&', parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        Dictionary<string, string> answer;
        try
        {
            using var response = await http.GetAsync(new Uri($"{settings.ValidationUrl.AbsoluteUri}?{query}"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Unavailable($"it answered {(int)response.StatusCode}");
            }

            answer = Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException exception)
        {
            return Unavailable(exception.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable("it did not answer in time");
        }

        var status = answer.GetValueOrDefault("status") ?? "";
        if (apiKey is not null && status != "NO_SUCH_CLIENT" && !IsSignedBy(answer, apiKey))
        {
            return Unavailable($"its {status} answer was not signed with the API key");
        }

        // The answer must be about this request, or an old or copied answer could vouch for it (cut-and-paste).
        if (status is "OK" or "REPLAYED_OTP" && (answer.GetValueOrDefault("otp") != otp.Text || answer.GetValueOrDefault("nonce") != nonce))
        {
            return Unavailable("its answer named another OTP or nonce");
        }

        switch (status)
        {
            case "OK":
                return (CounterIn(answer), null);
            case "REPLAYED_OTP" or "REPLAYED_REQUEST":
                return (null, TrustErrors.OtpAlreadyUsed());
            case "BAD_OTP":
                return (null, TrustErrors.OtpRefused());
            case "BAD_SIGNATURE" or "NO_SUCH_CLIENT" or "OPERATION_NOT_ALLOWED" or "MISSING_PARAMETER":
                logger.YubiCloudRefused(status);
                return (null, TrustErrors.YubiCloudRefused());
            default:
                return Unavailable($"it answered {status}");
        }
    }

    /// <summary>HMAC-SHA1 over the pairs sorted by key, as <c>a=1&amp;b=2</c>, in base64 (protocol 2.0, "Generating signatures").</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Validation protocol 2.0 signs with HMAC-SHA1; the server accepts nothing else.")]
    public static string Signature(IEnumerable<KeyValuePair<string, string>> pairs, byte[] apiKey) =>
        Convert.ToBase64String(HMACSHA1.HashData(
            apiKey,
            Encoding.UTF8.GetBytes(string.Join('&', pairs.Where(p => p.Key != "h").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")))));

    private static bool IsSignedBy(Dictionary<string, string> answer, byte[] apiKey) =>
        answer.TryGetValue("h", out var signature)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Signature(answer, apiKey)));

    /// <summary>The answer's lines, <c>key=value</c>; a value may hold '=' itself (base64).</summary>
    private static Dictionary<string, string> Parse(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);

    private static int? CounterIn(Dictionary<string, string> answer) =>
        int.TryParse(answer.GetValueOrDefault("sessioncounter"), NumberStyles.None, CultureInfo.InvariantCulture, out var usage)
        && int.TryParse(answer.GetValueOrDefault("sessionuse"), NumberStyles.None, CultureInfo.InvariantCulture, out var session)
            ? ((usage & 0x7fff) << 8) | (session & 0xff)
            : null;

    private (int?, Error?) Unavailable(string detail)
    {
        logger.YubiCloudUnavailable(detail);
        return (null, TrustErrors.YubiCloudUnavailable());
    }
}
