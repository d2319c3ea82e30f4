using Microsoft.Extensions.Logging.Testing;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex.Tests.Vault;

/// <summary>The key file a host made on first start, found as an operator finds it: from the log line that names it.</summary>
internal sealed record VaultKeyFile(string Path, VaultKey Key)
{
    public static VaultKeyFile MadeBy(FakeLogCollector logs)
    {
        var made = Assert.Single(logs.GetSnapshot(), record => record.Id.Id == 10000);
        var path = made.GetStructuredStateValue("KeyFile")!;
        var line = File.ReadAllLines(path).Single(l => !l.StartsWith('#'));
        var parts = line.Split(' ');
        Assert.Equal(made.GetStructuredStateValue("KeyId"), parts[0]);
        return new VaultKeyFile(path, new VaultKey(parts[0], Convert.FromBase64String(parts[1])));
    }
}
