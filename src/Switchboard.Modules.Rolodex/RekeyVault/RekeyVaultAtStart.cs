using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex.RekeyVault;

/// <summary>
/// Loads the vault's keys before the server takes requests (so a key that cannot be used stops it at
/// start, and the embedded default's key file is made), then re-wraps entries under the active key.
/// </summary>
internal sealed class RekeyVaultAtStart(VaultKeyRing keys, IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        keys.Load();
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VaultRekeying>().RekeyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
