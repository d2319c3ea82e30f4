using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Credentials;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex.Connections;

/// <summary>
/// The Rolodex's side of <see cref="IServiceCredentials"/>: a token only for an account the service proved,
/// renewed with its refresh token once it is within <see cref="OAuthOptions.RefreshMargin"/> of expiry.
/// Renewals of one person's token are taken one at a time in this process; a renewal another process made
/// first (a refresh token spent by the other) is found in the vault rather than taken for a refusal.
/// </summary>
internal sealed class ServiceCredentials(
    SwitchboardDbContext db,
    OAuthProviders providers,
    CredentialVault vault,
    RenewalGate gate,
    IOptions<OAuthOptions> options,
    TimeProvider clock,
    ILogger<ServiceCredentials> logger) : IServiceCredentials
{
    public async Task<CredentialLookup> GetAsync(PersonId person, string service, CancellationToken cancellationToken)
    {
        var name = service.Trim().ToLowerInvariant();
        if (providers.Find(name) is not { } provider
            || !await db.Set<Identity>().AnyAsync(i => i.PersonId == person && i.Service == name && i.Proof == IdentityProof.ProvenByService, cancellationToken))
        {
            return new CredentialLookup(null, RolodexErrors.NotConnected(name));
        }

        var current = await vault.FindAsync(person, name, cancellationToken);
        if (current.Credential is not { } credential)
        {
            return current.Error?.Code == "rolodex.no-credential" ? new CredentialLookup(null, RolodexErrors.NotConnected(name)) : current;
        }

        if (!IsDue(credential))
        {
            return current;
        }

        using var turn = await gate.EnterAsync(person, name, cancellationToken);
        return await RenewAsync(provider, person, cancellationToken);
    }

    private bool IsDue(ServiceCredential credential) =>
        credential.ExpiresAt is { } expiresAt && expiresAt - options.Value.RefreshMargin <= clock.GetUtcNow();

    private async Task<CredentialLookup> RenewAsync(OAuthProvider provider, PersonId person, CancellationToken cancellationToken)
    {
        // Read again inside the gate: whoever held it may have renewed the token already.
        var current = await vault.FindAsync(person, provider.Service, cancellationToken);
        if (current.Credential is not { } credential || !IsDue(credential))
        {
            return current;
        }

        var expired = credential.ExpiresAt <= clock.GetUtcNow();
        if (credential.RefreshToken is not { } refreshToken)
        {
            return expired ? new CredentialLookup(null, RolodexErrors.ReconnectNeeded(provider.DisplayName, provider.Service)) : current;
        }

        var renewed = await provider.RefreshAsync(refreshToken, cancellationToken);
        if (renewed.Value is { } tokens)
        {
            var fresh = tokens.ToCredential();
            if (await vault.StoreAsync(person, provider.Service, fresh, cancellationToken) is { } unstorable)
            {
                return new CredentialLookup(null, unstorable);
            }

            logger.TokenRenewed(provider.Service, person.ToString());
            return new CredentialLookup(fresh, null);
        }

        if (renewed.Failure == ProviderFailure.Unreachable)
        {
            logger.ServiceUnreachable(provider.Service, person.ToString(), renewed.Reason ?? "");
            return expired ? new CredentialLookup(null, RolodexErrors.ServiceUnreachable(provider.DisplayName)) : current;
        }

        var again = await vault.FindAsync(person, provider.Service, cancellationToken);
        if (again.Credential is { } other && other.RefreshToken != refreshToken)
        {
            return again;
        }

        logger.RenewalRefused(provider.Service, person.ToString(), renewed.Reason ?? "");
        return new CredentialLookup(null, RolodexErrors.ReconnectNeeded(provider.DisplayName, provider.Service));
    }
}

/// <summary>One renewal at a time per person and service in this process, so that a rotating refresh token is spent once.</summary>
internal sealed class RenewalGate
{
    private readonly ConcurrentDictionary<(PersonId, string), SemaphoreSlim> _gates = new();

    public async Task<IDisposable> EnterAsync(PersonId person, string service, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd((person, service), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
