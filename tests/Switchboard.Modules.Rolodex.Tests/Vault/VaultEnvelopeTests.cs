using System.Security.Cryptography;
using Switchboard.Core.People;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex.Tests.Vault;

/// <summary>The envelope on its own: what opens, and what a value moved anywhere else fails to open as.</summary>
public sealed class VaultEnvelopeTests
{
    private static readonly VaultKey Key = new("k1", RandomNumberGenerator.GetBytes(VaultEnvelope.KeySize));
    private static readonly PersonId Alice = new(Guid.NewGuid());
    private static readonly PersonId Bob = new(Guid.NewGuid());

    [Fact]
    public void ASealedCredentialOpensWithItsKeyPersonAndService()
    {
        var sealedCredential = VaultEnvelope.Seal(Key, Alice, "github", "gho_access", "ghr_refresh");

        Assert.Equal(("gho_access", "ghr_refresh"), VaultEnvelope.Open(Key, Alice, "github", sealedCredential));
    }

    [Fact]
    public void EachSealingUsesAFreshDataKeyAndNonce()
    {
        var first = VaultEnvelope.Seal(Key, Alice, "github", "gho_access", null);
        var second = VaultEnvelope.Seal(Key, Alice, "github", "gho_access", null);

        Assert.NotEqual(first.WrappedKey, second.WrappedKey);
        Assert.NotEqual(first.Value, second.Value);
    }

    [Fact]
    public void ItDoesNotOpenForAnotherPersonAnotherServiceOrUnderAnotherKeyId()
    {
        var sealedCredential = VaultEnvelope.Seal(Key, Alice, "github", "gho_access", null);

        Assert.ThrowsAny<CryptographicException>(() => VaultEnvelope.Open(Key, Bob, "github", sealedCredential));
        Assert.ThrowsAny<CryptographicException>(() => VaultEnvelope.Open(Key, Alice, "heroku", sealedCredential));
        Assert.ThrowsAny<CryptographicException>(() => VaultEnvelope.Open(Key, Alice, "github", sealedCredential with { KeyId = "k2" }));
        Assert.ThrowsAny<CryptographicException>(() => VaultEnvelope.Open(new VaultKey("k1", RandomNumberGenerator.GetBytes(32)), Alice, "github", sealedCredential));
    }

    [Fact]
    public void TheTokenAndTheRefreshTokenCannotBeSwapped()
    {
        var sealedCredential = VaultEnvelope.Seal(Key, Alice, "github", "gho_access", "ghr_refresh");

        var swapped = sealedCredential with { Value = sealedCredential.RefreshToken!, RefreshToken = sealedCredential.Value };

        Assert.ThrowsAny<CryptographicException>(() => VaultEnvelope.Open(Key, Alice, "github", swapped));
    }

    [Fact]
    public void ReWrappingMovesTheDataKeyToTheNewKeyAndLeavesTheSealedValuesAlone()
    {
        var next = new VaultKey("k2", RandomNumberGenerator.GetBytes(VaultEnvelope.KeySize));
        var sealedCredential = VaultEnvelope.Seal(Key, Alice, "github", "gho_access", "ghr_refresh");

        var rewrapped = VaultEnvelope.Rewrap(Key, next, Alice, "github", sealedCredential);

        Assert.Equal("k2", rewrapped.KeyId);
        Assert.Equal(sealedCredential.Value, rewrapped.Value);
        Assert.Equal(("gho_access", "ghr_refresh"), VaultEnvelope.Open(next, Alice, "github", rewrapped));
        Assert.ThrowsAny<CryptographicException>(() => VaultEnvelope.Open(Key, Alice, "github", rewrapped with { KeyId = "k1" }));
    }
}
