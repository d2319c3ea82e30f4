using System.Security.Cryptography;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.Vault;

/// <summary>Vault keys the server cannot use stop it at start, with a message that names the setting and never shows a key.</summary>
public sealed class VaultKeyConfigurationTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    private static readonly string ShortKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
    private static readonly string GoodKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static TheoryData<string, string, string, string> Unusable => new()
    {
        { "Vault:Keys:short", ShortKey, "Vault:ActiveKey", "short" },
        { "Vault:Keys:good", GoodKey, "Vault:ActiveKey", "missing" },
        { "Vault:Keys:good", GoodKey, "Vault:KeyFile", "/nowhere/vault.keys" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task KeysThatCannotBeUsedStopTheServerAtStart(string keySetting, string key, string otherSetting, string otherValue)
    {
        var settings = new Dictionary<string, string> { [keySetting] = key, [otherSetting] = otherValue };

        var failure = await Record.ExceptionAsync(() => host.RestartAsync(settings));
        await host.RestartAsync(new Dictionary<string, string>());

        Assert.NotNull(failure);
        Assert.Contains("The vault's keys cannot be used", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralKeysNeedTheActiveOneNamed()
    {
        var settings = new Dictionary<string, string> { ["Vault:Keys:one"] = GoodKey, ["Vault:Keys:two"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

        var failure = await Record.ExceptionAsync(() => host.RestartAsync(settings));
        await host.RestartAsync(new Dictionary<string, string>());

        Assert.Contains("set Vault:ActiveKey to the one that wraps new entries", failure?.ToString(), StringComparison.Ordinal);
    }
}
