using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.People;

namespace Switchboard.Modules.Rolodex.Connections;

/// <summary>
/// Ends a person's OAuth grant at the service, where the service lets us: <c>rolodex disconnect</c> and
/// <c>person disable</c> both come here before they remove the tokens. A service that cannot be reached does
/// not stop the removal; the answer says so, and the person can revoke it in the service's settings.
/// </summary>
internal sealed class GrantRevocation(SwitchboardDbContext db, OAuthProviders providers, ServiceCredentials credentials, ILogger<GrantRevocation> logger)
{
    /// <summary>The connected services (a proven link) whose grant the service confirmed it ended; the others were not revoked there.</summary>
    public async Task<IReadOnlyList<(string Service, bool Revoked)>> RevokeAllAsync(PersonId person, CancellationToken cancellationToken)
    {
        var connected = await db.Set<Identity>().AsNoTracking()
            .Where(i => i.PersonId == person && i.Proof == IdentityProof.ProvenByService && OAuthProviders.Names.Contains(i.Service))
            .Select(i => i.Service)
            .Distinct()
            .ToListAsync(cancellationToken);
        var outcomes = new List<(string, bool)>();
        foreach (var service in connected.Order(StringComparer.Ordinal))
        {
            outcomes.Add((service, await RevokeAsync(person, service, cancellationToken)));
        }

        return outcomes;
    }

    /// <summary>True when the service confirmed it ended the grant.</summary>
    public async Task<bool> RevokeAsync(PersonId person, string service, CancellationToken cancellationToken)
    {
        if (providers.Find(service) is not { Options.IsConfigured: true } provider)
        {
            return false;
        }

        // A fresh token, since some services revoke only with one that still works.
        var current = await credentials.GetAsync(person, service, cancellationToken);
        if (current.Credential is not { } credential)
        {
            logger.GrantNotRevoked(service, person.ToString(), current.Error?.Code ?? "no token");
            return false;
        }

        var revoked = await provider.RevokeAsync(credential, cancellationToken);
        if (revoked.Failure is not null)
        {
            logger.GrantNotRevoked(service, person.ToString(), revoked.Reason ?? "");
            return false;
        }

        logger.GrantRevoked(service, person.ToString());
        return true;
    }
}
