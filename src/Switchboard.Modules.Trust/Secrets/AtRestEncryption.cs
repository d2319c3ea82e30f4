using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Secrets;
using Switchboard.Data.Database;

namespace Switchboard.Modules.Trust.Secrets;

/// <summary>
/// Seals what must not be readable from a copy of the database (TOTP secrets, YubiKey AES keys, the requests
/// of waiting commands) with AES-256-GCM under a key that lives outside it: <c>Trust:SecretKey</c>, or a key
/// file beside the SQLite file. Each sealed value is bound to its context (whose secret, for what), so it
/// cannot be moved to another row. The one place that knows the key, so that it can later become the
/// vault's key-encryption key.
/// </summary>
internal sealed class AtRestEncryption
{
    public const string KeyFileName = "trust-secret.key";
    private const string Version = "v1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<byte[]> _key;

    public AtRestEncryption(IOptions<TrustOptions> options, IOptions<DatabaseOptions> database, ILogger<AtRestEncryption> logger) =>
        _key = new Lazy<byte[]>(() => options.Value.SecretKey is { } configured
            ? Convert.FromBase64String(configured.Trim())
            : ReadOrCreateKeyFile(Path.Combine(database.Value.DataDirectory, KeyFileName), logger));

    /// <param name="context">What the secret is and whose, e.g. <c>totp:{person}</c>: opening needs the same.</param>
    public string Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(context));
        return Version + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">The value was sealed under another key or context, or changed.</exception>
    public byte[] Open(string sealedText, string context)
    {
        if (!sealedText.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new CryptographicException("The sealed value has an unknown format.");
        }

        var sealedBytes = Convert.FromBase64String(sealedText[Version.Length..]);
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Decrypt(
            sealedBytes.AsSpan(0, NonceSize),
            sealedBytes.AsSpan(NonceSize, plaintext.Length),
            sealedBytes.AsSpan(NonceSize + plaintext.Length),
            plaintext,
            Encoding.UTF8.GetBytes(context));
        return plaintext;
    }

    private static byte[] ReadOrCreateKeyFile(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            var key = RandomNumberGenerator.GetBytes(32);
            if (KeyFile.TryCreate(path, Convert.ToBase64String(key)))
            {
                logger.SecretKeyCreated(Path.GetFullPath(path));
                return key;
            }
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
