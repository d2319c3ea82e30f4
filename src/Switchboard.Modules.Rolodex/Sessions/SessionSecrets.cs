using System.Security.Cryptography;
using Switchboard.Modules.Rolodex.Tokens;

namespace Switchboard.Modules.Rolodex.Sessions;

/// <summary>
/// Link codes and session cookies: 43 random base62 characters (256 bits), hashed like API tokens.
/// Nobody types or pastes them, so unlike API tokens they carry no prefix or checksum.
/// </summary>
internal static class SessionSecrets
{
    public const int Length = 43;

    public static string New() => RandomNumberGenerator.GetString(TokenFormat.Alphabet, Length);

    public static bool IsWellFormed(string secret) =>
        secret.Length == Length && !secret.AsSpan().ContainsAnyExcept(TokenFormat.AlphabetValues);
}
