using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Modules.Rolodex.Tokens;

/// <summary>
/// <c>swb_</c>, 32 random base62 characters, then a 6-character checksum of them: secret scanners
/// can recognise a token, and a mistyped one is refused without a database lookup.
/// </summary>
internal static class TokenFormat
{
    public const string Prefix = "swb_";
    private const int RandomLength = 32;
    private const int ChecksumLength = 6;
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static readonly SearchValues<char> AlphabetValues = SearchValues.Create(Alphabet);

    public static int Length => Prefix.Length + RandomLength + ChecksumLength;

    public static string NewToken()
    {
        var random = RandomNumberGenerator.GetString(Alphabet, RandomLength);
        return Prefix + random + Checksum(random);
    }

    public static bool IsWellFormed(string token) =>
        token.Length == Length
        && token.StartsWith(Prefix, StringComparison.Ordinal)
        && token.AsSpan(Prefix.Length).ContainsAnyExcept(AlphabetValues) is false
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Checksum(token.Substring(Prefix.Length, RandomLength))),
            Encoding.ASCII.GetBytes(token[^ChecksumLength..]));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string VisiblePrefix(string token) => token[..(Prefix.Length + 6)];

    private static string Checksum(string random)
    {
        var value = BitConverter.ToUInt64(SHA256.HashData(Encoding.ASCII.GetBytes(random)), 0);
        var checksum = new char[ChecksumLength];
        for (var i = 0; i < ChecksumLength; i++)
        {
            checksum[i] = Alphabet[(int)(value % (ulong)Alphabet.Length)];
            value /= (ulong)Alphabet.Length;
        }

        return new string(checksum);
    }
}
