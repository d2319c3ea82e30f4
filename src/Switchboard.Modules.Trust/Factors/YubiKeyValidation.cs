using System.Security.Cryptography;
using Switchboard.Core.Errors;
using Switchboard.Modules.Trust.Secrets;

namespace Switchboard.Modules.Trust.Factors;

/// <summary>
/// Whether a key typed an OTP: Switchboard decrypts it itself when it holds the slot's AES key (the CRC must
/// hold and the private id match), and asks YubiCloud otherwise. Either way the answer carries the key's
/// counter, which the caller requires to increase, so each OTP works once.
/// </summary>
internal sealed class YubiKeyValidation(YubiCloudClient cloud, AtRestEncryption encryption)
{
    public async Task<(int? Counter, Error? Error)> ValidateAsync(YubiKeyOtp otp, YubiKeySlotSecret? secret, CancellationToken cancellationToken)
    {
        if (secret is null)
        {
            return await cloud.ValidateAsync(otp, cancellationToken);
        }

        var token = otp.Decrypt(secret.AesKey);
        return token.HasValidCrc && CryptographicOperations.FixedTimeEquals(token.PrivateId, secret.PrivateId)
            ? (token.Counter, null)
            : (null, TrustErrors.OtpRefused());
    }

    public YubiKeySlotSecret? SecretOf(EnrolledYubiKey key) =>
        key.SealedSecret is null ? null : YubiKeySlotSecret.From(encryption.Open(key.SealedSecret, EnrolledYubiKey.SecretContext(key.PublicId)));

    public string Seal(YubiKeySlotSecret secret, string publicId) =>
        encryption.Seal([.. secret.AesKey, .. secret.PrivateId], EnrolledYubiKey.SecretContext(publicId));
}

/// <summary>What a YubiKey's OTP slot shares with whoever validates it: the AES-128 key and the 6-byte private id.</summary>
internal sealed record YubiKeySlotSecret(byte[] AesKey, byte[] PrivateId)
{
    public static YubiKeySlotSecret From(byte[] sealedBytes) => new(sealedBytes[..16], sealedBytes[16..]);

    /// <returns>The secret, or the error that names the option at fault.</returns>
    public static (YubiKeySlotSecret? Secret, Error? Error) Parse(string aesKeyHex, string privateIdHex)
    {
        var aesKey = FromHex(aesKeyHex, 16);
        if (aesKey is null)
        {
            return (null, TrustErrors.InvalidAesKey());
        }

        var privateId = FromHex(privateIdHex, YubiKeyToken.PrivateIdLength);
        return privateId is null ? (null, TrustErrors.InvalidPrivateId()) : (new YubiKeySlotSecret(aesKey, privateId), null);
    }

    private static byte[]? FromHex(string text, int length)
    {
        var hex = text.Trim().Replace(" ", "", StringComparison.Ordinal);
        return hex.Length == 2 * length && hex.All(Uri.IsHexDigit) ? Convert.FromHexString(hex) : null;
    }
}
