using System.Security.Cryptography;
using Switchboard.Modules.Rolodex.Tests.Vault;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.RekeyVault;

/// <summary>A vault key that goes missing makes its entries unreadable, never lost: they open again when it returns.</summary>
public sealed class MissingVaultKeyTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task EntriesUnderAMissingKeyAreKeptAndOpenAgainWhenItReturns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("key-loser", cancellationToken);
        await host.RunAsync(person, "vault set heroku", cancellationToken, secret: ServiceTokens.GitHub());
        var keyFile = VaultKeyFile.MadeBy(host.Logs);
        var elsewhere = keyFile.Path + ".elsewhere";

        File.Move(keyFile.Path, elsewhere);
        await host.RestartAsync(new Dictionary<string, string> { ["Vault:Keys:stranger"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        var withoutKey = await host.RunAsync(person, "vault list", cancellationToken);
        var rekey = await host.RunAsAdminAsync("vault rekey", cancellationToken);
        var reported = host.Logs.GetSnapshot().Where(record => record.Id.Id == 10002).Select(record => record.Message).ToList();
        File.Move(elsewhere, keyFile.Path);
        await host.RestartAsync(new Dictionary<string, string>());
        var withKey = await host.RunAsync(person, "vault list", cancellationToken);

        Assert.Contains($"**Cannot be read**: the vault key {keyFile.Key.Id} is not configured", withoutKey.Field("heroku"), StringComparison.Ordinal);
        Assert.Equal(("0", "1"), (rekey.Field("Re-wrapped now"), rekey.Field("Cannot be read")));
        Assert.Contains($"1 vault entries are wrapped by the key {keyFile.Key.Id}, which is not configured or does not open them; they cannot be read until it is configured again", reported);
        Assert.DoesNotContain("Cannot be read", withKey.Field("heroku"), StringComparison.Ordinal);
    }
}
