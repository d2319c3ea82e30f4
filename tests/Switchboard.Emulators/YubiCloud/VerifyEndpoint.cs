using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchboard.Emulators.YubiCloud;

/// <summary>
/// <c>GET /wsapi/2.0/verify</c> as Yubico's validation protocol 2.0 describes it
/// (https://developers.yubico.com/yubikey-val/Validation_Protocol_V2.0.html): <c>key=value</c> lines, signed
/// with the client's API key, always with HTTP 200; the outcome is <c>status</c>.
/// </summary>
internal static class VerifyEndpoint
{
    public static void MapVerify(this IEndpointRouteBuilder app, YubiCloudState state) =>
        app.MapGet("/wsapi/2.0/verify", (HttpRequest request) => Verify(request, state));

    private static IResult Verify(HttpRequest request, YubiCloudState state)
    {
        var parameters = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var id = parameters.GetValueOrDefault("id");
        var otp = parameters.GetValueOrDefault("otp");
        var nonce = parameters.GetValueOrDefault("nonce");
        var apiKey = id is null ? null : state.ApiKeyOf(id);
        if (id is null || otp is null || nonce is null || nonce.Length is < 16 or > 40 || !nonce.All(char.IsAsciiLetterOrDigit))
        {
            return Answer(state, apiKey, "MISSING_PARAMETER", otp, nonce, null);
        }

        if (apiKey is null)
        {
            return Answer(state, null, "NO_SUCH_CLIENT", otp, nonce, null);
        }

        if (parameters.TryGetValue("h", out var signature) && signature != Sign(parameters, apiKey))
        {
            return Answer(state, apiKey, "BAD_SIGNATURE", otp, nonce, null);
        }

        if (otp.Length is < 32 or > 48 || VirtualYubiKey.Decode(otp) is null || state.KeyOf(otp[..^32]) is not { } known)
        {
            return Answer(state, apiKey, "BAD_OTP", otp, nonce, null);
        }

        using var aes = Aes.Create();
        aes.Key = known.Key.AesKey;
        var plaintext = aes.DecryptEcb(VirtualYubiKey.Decode(otp[^32..])!, PaddingMode.None);
        if (VirtualYubiKey.Crc16(plaintext) != 0xf0b8 || !plaintext.AsSpan(0, 6).SequenceEqual(known.Key.PrivateId))
        {
            return Answer(state, apiKey, "BAD_OTP", otp, nonce, null);
        }

        if (state.IsRepeated(otp, nonce))
        {
            return Answer(state, apiKey, "REPLAYED_REQUEST", otp, nonce, null);
        }

        var usage = BinaryPrimitives.ReadUInt16LittleEndian(plaintext.AsSpan(6)) & 0x7fff;
        var counter = (usage << 8) | plaintext[11];
        lock (known)
        {
            if (counter <= known.LastCounter)
            {
                return Answer(state, apiKey, "REPLAYED_OTP", otp, nonce, null);
            }

            known.LastCounter = counter;
        }

        var timestamp = plaintext[8] | (plaintext[9] << 8) | (plaintext[10] << 16);
        var details = parameters.GetValueOrDefault("timestamp") == "1"
            ? new Dictionary<string, string>
            {
                ["timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
                ["sessioncounter"] = usage.ToString(CultureInfo.InvariantCulture),
                ["sessionuse"] = plaintext[11].ToString(CultureInfo.InvariantCulture),
            }
            : null;
        return Answer(state, apiKey, "OK", otp, nonce, details);
    }

    private static IResult Answer(YubiCloudState state, byte[]? apiKey, string status, string? otp, string? nonce, Dictionary<string, string>? details)
    {
        state.Record(status);
        var now = state.Clock.GetUtcNow().UtcDateTime;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["t"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + now.Millisecond.ToString("0000", CultureInfo.InvariantCulture),
            ["status"] = status,
        };
        if (otp is not null && nonce is not null && status is not ("MISSING_PARAMETER" or "NO_SUCH_CLIENT"))
        {
            fields["otp"] = otp;
            fields["nonce"] = nonce;
            fields["sl"] = "100";
        }

        foreach (var (name, value) in details ?? [])
        {
            fields[name] = value;
        }

        var body = new StringBuilder();
        if (apiKey is not null)
        {
            body.Append("h=").Append(Sign(fields, apiKey)).Append("\r\n");
        }

        foreach (var (name, value) in fields)
        {
            body.Append(name).Append('=').Append(value).Append("\r\n");
        }

        return Results.Text(body.ToString(), "text/plain", Encoding.UTF8);
    }

    /// <summary>HMAC-SHA1 over every pair but <c>h</c>, sorted by key and joined as <c>a=1&amp;b=2</c>, in base64.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "The protocol signs with HMAC-SHA1.")]
    private static string Sign(Dictionary<string, string> fields, byte[] apiKey) =>
        Convert.ToBase64String(HMACSHA1.HashData(
            apiKey,
            Encoding.UTF8.GetBytes(string.Join('&', fields.Where(f => f.Key != "h").OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")))));
}
