using System.Security.Cryptography;
using Switchboard.Modules.Rolodex.Tests.Vault;
using Switchboard.Modules.Rolodex.Vault;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.RekeyVault;

/// <summary>
/// Key rotation as an operator does it: configure a new key as the active one and restart (start-up
/// re-wraps every entry under it), then retire the old key. Nothing stored is lost on the way.
/// </summary>
public abstract class RekeyVaultTests(SwitchboardHost host)
{
    [Fact]
    public async Task RotationReWrapsEveryEntryUnderTheNewKeySoTheOldKeyCanGo()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("rotator", cancellationToken);
        var token = ServiceTokens.GitHub();
        await host.RunAsync(person, "vault set github --scope repo", cancellationToken, secret: token);
        var generated = VaultKeyFile.MadeBy(host.Logs);
        var next = new VaultKey("next-2027", RandomNumberGenerator.GetBytes(VaultEnvelope.KeySize));
        var settings = new Dictionary<string, string> { ["Vault:Keys:next-2027"] = Convert.ToBase64String(next.Material), ["Vault:ActiveKey"] = "next-2027" };

        await host.RestartAsync(settings);
        var rewrappedAtStart = Assert.Single(host.Logs.GetSnapshot(), record => record.Id.Id == 10001);
        File.Delete(generated.Path);
        await host.RestartAsync(settings);
        var list = await host.RunAsync(person, "vault list", cancellationToken);
        var rekey = await host.RunAsAdminAsync("vault rekey", cancellationToken);
        var row = Assert.Single(await host.ReadSqlAsync("SELECT * FROM rolodex_vault_entries WHERE service = 'github'", cancellationToken));

        Assert.Equal("Re-wrapped 1 vault entries under the key next-2027", rewrappedAtStart.Message);
        Assert.DoesNotContain("Cannot be read", list.Field("github"), StringComparison.Ordinal);
        Assert.Equal(("0", "1", "0"), (rekey.Field("Re-wrapped now"), rekey.Field("Already under it"), rekey.Field("Cannot be read")));
        Assert.Equal("next-2027", row["key_id"]);
        var sealedCredential = new SealedCredential("next-2027", (byte[])row["wrapped_key"]!, (byte[])row["sealed_value"]!, null);
        Assert.Equal(token, VaultEnvelope.Open(next, person.Id, "github", sealedCredential).Value);
        Assert.ThrowsAny<CryptographicException>(() => VaultEnvelope.Open(generated.Key, person.Id, "github", sealedCredential with { KeyId = generated.Key.Id }));
    }
}

public sealed class RekeyVaultOnSqliteTests(SqliteHost host) : RekeyVaultTests(host), IClassFixture<SqliteHost>;

public sealed class RekeyVaultOnPostgresTests(PostgresHost host) : RekeyVaultTests(host), IClassFixture<PostgresHost>;
