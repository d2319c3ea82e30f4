using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Data.Database;
using Switchboard.Modules.Trust.Secrets;

namespace Switchboard.Modules.Trust.Tests.Secrets;

/// <summary>What a copy of the database reveals of a sealed secret without the key that lives outside it: nothing.</summary>
public sealed class AtRestEncryptionTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("switchboard-trust-").FullName;

    [Fact]
    public void ASealedSecretOpensWithTheSameKeyAndContext()
    {
        var encryption = WithKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var sealedText = encryption.Seal(Encoding.UTF8.GetBytes("JBSWY3DPEHPK3PXP"), "totp:alice");

        Assert.DoesNotContain("JBSWY3DPEHPK3PXP", sealedText, StringComparison.Ordinal);
        Assert.Equal("JBSWY3DPEHPK3PXP", Encoding.UTF8.GetString(encryption.Open(sealedText, "totp:alice")));
    }

    [Fact]
    public void ASealedSecretMovedToAnotherPersonsRowDoesNotOpen()
    {
        var encryption = WithKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var sealedText = encryption.Seal([1, 2, 3], "totp:alice");

        Assert.ThrowsAny<CryptographicException>(() => encryption.Open(sealedText, "totp:mallory"));
    }

    [Fact]
    public void ASealedSecretDoesNotOpenWithoutItsKey()
    {
        var sealedText = WithKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Seal([1, 2, 3], "totp:alice");

        Assert.ThrowsAny<CryptographicException>(() => WithKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Open(sealedText, "totp:alice"));
    }

    [Fact]
    public void WithoutAConfiguredKeyOneIsMadeOnceInTheDataDirectoryForOnlyItsOwnerToRead()
    {
        var sealedText = WithKey(null).Seal([1, 2, 3], "totp:alice");
        var keyFile = Path.Combine(_dataDirectory, AtRestEncryption.KeyFileName);

        Assert.Equal([1, 2, 3], WithKey(null).Open(sealedText, "totp:alice"));
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(keyFile)).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private AtRestEncryption WithKey(string? key) => new(
        Options.Create(new TrustOptions { SecretKey = key }),
        Options.Create(new DatabaseOptions { DataDirectory = _dataDirectory }),
        NullLogger<AtRestEncryption>.Instance);
}
