using System.Security.Cryptography;
using System.Text;
using Switchboard.Core.People;

namespace Switchboard.Modules.Rolodex.Vault;

/// <summary>
/// Envelope encryption with AES-256-GCM. Each stored credential gets a fresh data key; the token and
/// the refresh token are sealed with it, and the data key is sealed (wrapped) with a key-encryption key
/// from configuration. The associated data names the person, the service and the field (and, for the
/// data key, the key-encryption key's id), so a sealed value copied into another row, another field or
/// under another key id fails to open. Rotation re-wraps only the data key.
/// </summary>
internal static class VaultEnvelope
{
    public const int KeySize = 32;

    /// <summary>Leads every sealed value, so that a later format can tell the versions apart.</summary>
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static SealedCredential Seal(VaultKey keyEncryptionKey, PersonId person, string service, string value, string? refreshToken)
    {
        var dataKey = RandomNumberGenerator.GetBytes(KeySize);
        try
        {
            return new SealedCredential(
                keyEncryptionKey.Id,
                SealBytes(keyEncryptionKey.Material, dataKey, DataKeyContext(keyEncryptionKey.Id, person, service)),
                SealBytes(dataKey, Encoding.UTF8.GetBytes(value), FieldContext("value", person, service)),
                refreshToken is null ? null : SealBytes(dataKey, Encoding.UTF8.GetBytes(refreshToken), FieldContext("refresh-token", person, service)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The token and refresh token; a wrong key, or a value moved from elsewhere, throws <see cref="CryptographicException"/>.</summary>
    public static (string Value, string? RefreshToken) Open(VaultKey keyEncryptionKey, PersonId person, string service, SealedCredential credential)
    {
        var dataKey = OpenBytes(keyEncryptionKey.Material, credential.WrappedKey, DataKeyContext(credential.KeyId, person, service));
        try
        {
            var value = Encoding.UTF8.GetString(OpenBytes(dataKey, credential.Value, FieldContext("value", person, service)));
            var refreshToken = credential.RefreshToken is { } sealedRefresh
                ? Encoding.UTF8.GetString(OpenBytes(dataKey, sealedRefresh, FieldContext("refresh-token", person, service)))
                : null;
            return (value, refreshToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The same data key, wrapped by another key-encryption key; the sealed values stay as they are.</summary>
    public static SealedCredential Rewrap(VaultKey from, VaultKey to, PersonId person, string service, SealedCredential credential)
    {
        var dataKey = OpenBytes(from.Material, credential.WrappedKey, DataKeyContext(credential.KeyId, person, service));
        try
        {
            return credential with { KeyId = to.Id, WrappedKey = SealBytes(to.Material, dataKey, DataKeyContext(to.Id, person, service)) };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static byte[] SealBytes(byte[] key, byte[] plaintext, byte[] associatedData)
    {
        var sealedBytes = new byte[1 + NonceSize + plaintext.Length + TagSize];
        sealedBytes[0] = FormatVersion;
        var nonce = sealedBytes.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(1 + NonceSize, plaintext.Length), sealedBytes.AsSpan(1 + NonceSize + plaintext.Length), associatedData);
        return sealedBytes;
    }

    private static byte[] OpenBytes(byte[] key, byte[] sealedBytes, byte[] associatedData)
    {
        if (sealedBytes.Length < 1 + NonceSize + TagSize || sealedBytes[0] != FormatVersion)
        {
            throw new CryptographicException("The sealed value is not in a format this vault knows.");
        }

        var length = sealedBytes.Length - 1 - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            sealedBytes.AsSpan(1, NonceSize),
            sealedBytes.AsSpan(1 + NonceSize, length),
            sealedBytes.AsSpan(1 + NonceSize + length),
            plaintext,
            associatedData);
        return plaintext;
    }

    private static byte[] DataKeyContext(string keyId, PersonId person, string service) =>
        Encoding.UTF8.GetBytes($"switchboard.vault.v1|data-key|{keyId}|{person}|{service}");

    private static byte[] FieldContext(string field, PersonId person, string service) =>
        Encoding.UTF8.GetBytes($"switchboard.vault.v1|{field}|{person}|{service}");
}

/// <summary>A credential as the database holds it: nothing here opens without the key-encryption key.</summary>
internal sealed record SealedCredential(string KeyId, byte[] WrappedKey, byte[] Value, byte[]? RefreshToken);

/// <summary>A key-encryption key and its id. It never leaves the process, and its text form shows only the id.</summary>
internal sealed class VaultKey(string id, byte[] material)
{
    public string Id { get; } = id;

    public byte[] Material { get; } = material;

    public override string ToString() => Id;
}
