namespace Switchboard.Modules.Trust.Factors;

/// <summary>
/// Yubico's modhex: hexadecimal written with the letters <c>cbdefghijklnrtuv</c> for 0–f, which sit at the
/// same place on every keyboard layout, so a YubiKey typing as a keyboard is read the same everywhere.
/// </summary>
internal static class Modhex
{
    public const string Alphabet = "cbdefghijklnrtuv";

    public static bool IsModhex(string text) => text.Length % 2 == 0 && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <returns>The bytes, or null when the text is not modhex.</returns>
    public static byte[]? Decode(string text)
    {
        if (!IsModhex(text))
        {
            return null;
        }

        var bytes = new byte[text.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((Alphabet.IndexOf(text[2 * i], StringComparison.Ordinal) << 4) | Alphabet.IndexOf(text[(2 * i) + 1], StringComparison.Ordinal));
        }

        return bytes;
    }

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var text = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            text[2 * i] = Alphabet[bytes[i] >> 4];
            text[(2 * i) + 1] = Alphabet[bytes[i] & 0xf];
        }

        return new string(text);
    }
}
