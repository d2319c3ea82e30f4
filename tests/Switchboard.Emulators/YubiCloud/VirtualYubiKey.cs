using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Switchboard.Emulators.YubiCloud;

/// <summary>
/// A YubiKey's OTP slot, for tests to touch: each <see cref="Touch"/> types what a real key types, its public id
/// and one AES-128 block in modhex (https://developers.yubico.com/OTP/OTPs_Explained.html), with the session use
/// counter one higher; <see cref="PlugIn"/> starts a new session, as plugging the key in does.
/// </summary>
public sealed class VirtualYubiKey
{
    private const string Modhex = "cbdefghijklnrtuv";

    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _poweredUpAt;

    public VirtualYubiKey(string publicId, byte[] aesKey, byte[] privateId, TimeProvider clock, ushort usageCounter = 1)
    {
        PublicId = publicId;
        AesKey = aesKey;
        PrivateId = privateId;
        UsageCounter = usageCounter;
        _clock = clock;
        _poweredUpAt = clock.GetUtcNow();
    }

    /// <summary>12 modhex characters, the default; the first two are <c>cc</c> on keys Yubico programmed.</summary>
    public string PublicId { get; }

    public byte[] AesKey { get; }

    public byte[] PrivateId { get; }

    /// <summary>Counts power-ups; kept by the key across them.</summary>
    public ushort UsageCounter { get; private set; }

    /// <summary>Counts touches within a power-up.</summary>
    public byte SessionUse { get; private set; }

    public string AesKeyHex => Convert.ToHexStringLower(AesKey);

    public string PrivateIdHex => Convert.ToHexStringLower(PrivateId);

    public static VirtualYubiKey Random(TimeProvider clock) =>
        new("cc" + Encode(RandomNumberGenerator.GetBytes(5)), RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(6), clock);

    public void PlugIn()
    {
        UsageCounter++;
        SessionUse = 0;
    }

    /// <summary>What the key types when touched: a new OTP.</summary>
    public string Touch()
    {
        SessionUse++;
        var plaintext = new byte[16];
        PrivateId.CopyTo(plaintext, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(plaintext.AsSpan(6), UsageCounter);
        // The 24-bit timestamp ticks at about 8 Hz from power-up.
        var ticks = (int)((_clock.GetUtcNow() - _poweredUpAt).TotalSeconds * 8) & 0xffffff;
        plaintext[8] = (byte)ticks;
        plaintext[9] = (byte)(ticks >> 8);
        plaintext[10] = (byte)(ticks >> 16);
        plaintext[11] = SessionUse;
        RandomNumberGenerator.Fill(plaintext.AsSpan(12, 2));
        BinaryPrimitives.WriteUInt16LittleEndian(plaintext.AsSpan(14), (ushort)~Crc16(plaintext.AsSpan(0, 14)));

        using var aes = Aes.Create();
        aes.Key = AesKey;
        return PublicId + Encode(aes.EncryptEcb(plaintext, PaddingMode.None));
    }

    internal static string Encode(ReadOnlySpan<byte> bytes) =>
        string.Concat(bytes.ToArray().Select(b => $"{Modhex[b >> 4]}{Modhex[b & 0xf]}"));

    internal static byte[]? Decode(string text) =>
        text.Length % 2 != 0 || text.Any(c => !Modhex.Contains(c, StringComparison.Ordinal))
            ? null
            : Enumerable.Range(0, text.Length / 2).Select(i => (byte)((Modhex.IndexOf(text[2 * i], StringComparison.Ordinal) << 4) | Modhex.IndexOf(text[(2 * i) + 1], StringComparison.Ordinal))).ToArray();

    /// <summary>CRC-16 as ISO 13239 defines it and the key computes it; over a block ending in its complement, 0xf0b8.</summary>
    internal static ushort Crc16(ReadOnlySpan<byte> data)
    {
        var crc = 0xffff;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
            }
        }

        return (ushort)crc;
    }
}
