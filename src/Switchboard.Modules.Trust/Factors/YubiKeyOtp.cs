using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Switchboard.Modules.Trust.Factors;

/// <summary>
/// What a YubiKey types for Yubico OTP: its public id in modhex (12 characters by default), then one
/// AES-128 block in modhex (32 characters). https://developers.yubico.com/OTP/OTPs_Explained.html
/// </summary>
internal sealed record YubiKeyOtp(string Text, string PublicId, byte[] Ciphertext)
{
    public const int CiphertextLength = 32;
    public const int MaxPublicIdLength = 16;
    public const int MinLength = CiphertextLength;
    public const int MaxLength = CiphertextLength + MaxPublicIdLength;

    /// <returns>The OTP, or null when the text is not one (the wrong length, or not modhex).</returns>
    public static YubiKeyOtp? Parse(string text)
    {
        var otp = text.Trim().ToLowerInvariant();
        if (otp.Length is < MinLength or > MaxLength || !Modhex.IsModhex(otp))
        {
            return null;
        }

        var publicIdLength = otp.Length - CiphertextLength;
        return new YubiKeyOtp(otp, otp[..publicIdLength], Modhex.Decode(otp[publicIdLength..])!);
    }

    /// <summary>Decrypts the block with the slot's AES key (AES-128, one block, ECB as the key uses it).</summary>
    public YubiKeyToken Decrypt(byte[] aesKey)
    {
        using var aes = Aes.Create();
        aes.Key = aesKey;
        return YubiKeyToken.From(aes.DecryptEcb(Ciphertext, PaddingMode.None));
    }
}

/// <summary>
/// The plaintext of an OTP: the slot's private id (6 bytes), the usage counter (2, little-endian; its top bit
/// is a flag), a timestamp (3), the session use counter (1), random (2) and a CRC-16 (2) over the rest.
/// </summary>
internal sealed record YubiKeyToken(byte[] PrivateId, ushort UsageCounter, int Timestamp, byte SessionUse, ushort Random, ushort Crc, bool HasValidCrc)
{
    public const int PrivateIdLength = 6;

    /// <summary>Increases with every OTP the key types: the usage counter (per power-up) then the session use within it.</summary>
    public int Counter => ((UsageCounter & 0x7fff) << 8) | SessionUse;

    public static YubiKeyToken From(ReadOnlySpan<byte> plaintext) => new(
        plaintext[..PrivateIdLength].ToArray(),
        BinaryPrimitives.ReadUInt16LittleEndian(plaintext[6..]),
        plaintext[8] | (plaintext[9] << 8) | (plaintext[10] << 16),
        plaintext[11],
        BinaryPrimitives.ReadUInt16LittleEndian(plaintext[12..]),
        BinaryPrimitives.ReadUInt16LittleEndian(plaintext[14..]),
        Crc16.Compute(plaintext[..16]) == Crc16.Residue);
}

/// <summary>The CRC-16 (ISO 13239, as YubiKeys compute it) whose value over a block that ends in its own CRC is <see cref="Residue"/>.</summary>
internal static class Crc16
{
    public const ushort Residue = 0xf0b8;

    public static ushort Compute(ReadOnlySpan<byte> data)
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
