using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>The HMAC-SHA256 checks the signing schemes share.</summary>
internal static class WebhookSignatures
{
    public static bool IsSignedByAny(IReadOnlyList<string> secrets, ReadOnlySpan<byte> content, IReadOnlyList<byte[]> signatures) =>
        IsSignedByAny(secrets.Select(Encoding.UTF8.GetBytes), content, signatures);

    public static bool IsSignedByAny(IEnumerable<byte[]> keys, ReadOnlySpan<byte> content, IReadOnlyList<byte[]> signatures)
    {
        // No early exit: the time taken must not tell which secret, or whether any, matched.
        var matched = false;
        foreach (var key in keys)
        {
            var expected = HMACSHA256.HashData(key, content);
            foreach (var signature in signatures)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        return matched;
    }

    /// <summary>The MAC written as hex, or null when the text is not exactly one.</summary>
    public static byte[]? FromHex(ReadOnlySpan<char> hex)
    {
        var mac = new byte[HMACSHA256.HashSizeInBytes];
        return hex.Length == mac.Length * 2 && Convert.FromHexString(hex, mac, out _, out _) == OperationStatus.Done ? mac : null;
    }

    /// <summary>The MAC written as base64, or null when the text is not exactly one.</summary>
    public static byte[]? FromBase64(ReadOnlySpan<char> base64)
    {
        var mac = new byte[HMACSHA256.HashSizeInBytes];
        return Convert.TryFromBase64Chars(base64, mac, out var written) && written == mac.Length ? mac : null;
    }

    /// <summary>The dedupe key of a source whose events carry no id of their own.</summary>
    public static string BodyHashKey(ReadOnlySpan<byte> body) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(body))}";
}
