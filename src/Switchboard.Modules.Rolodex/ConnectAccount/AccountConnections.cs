using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Audit;
using Switchboard.Core.Commands;
using Switchboard.Core.Credentials;
using Switchboard.Core.Errors;
using Switchboard.Core.Links;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Data.Database;
using Switchboard.Modules.Rolodex.Connections;
using Switchboard.Modules.Rolodex.People;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex.ConnectAccount;

/// <summary>
/// The Rolodex's side of <see cref="IAccountConnections"/>: starts a flow bound to the console session, and
/// completes it once: checks the state, exchanges the code (with the PKCE verifier), asks the service whose
/// account it is, links that account as proven, and keeps the tokens in the vault.
/// </summary>
internal sealed class AccountConnections(
    SwitchboardDbContext db,
    OAuthProviders providers,
    CredentialVault vault,
    PersonCards cards,
    PublicLinks links,
    IAuditLog audit,
    IOptions<OAuthOptions> options,
    TimeProvider clock,
    ILogger<AccountConnections> logger) : IAccountConnections
{
    public async Task<ConnectionStart> StartAsync(PersonId person, Guid sessionId, string service, CancellationToken cancellationToken)
    {
        if (Usable(service) is { } refusal)
        {
            return new ConnectionStart(null, refusal);
        }

        var provider = providers.Find(service)!;
        var now = clock.GetUtcNow();
        await db.Set<ConnectFlow>().Where(f => f.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);

        var state = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var verifier = provider.UsesPkce ? OAuthProvider.NewCodeVerifier() : null;
        db.Add(new ConnectFlow
        {
            Id = Guid.CreateVersion7(now),
            StateHash = HashOf(state),
            PersonId = person,
            SessionId = sessionId,
            Service = provider.Service,
            CodeVerifier = verifier,
            CreatedAt = now,
            ExpiresAt = now + options.Value.FlowLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new ConnectionStart(provider.AuthorizeUrl(state, verifier, CallbackOf(provider.Service)), null);
    }

    public async Task<CommandResult> CompleteAsync(PersonId person, Guid sessionId, string service, AuthorizationResponse response, CancellationToken cancellationToken)
    {
        var name = service.Trim().ToLowerInvariant();
        var result = await CompleteFlowAsync(person, sessionId, name, response, cancellationToken);
        if (result.Error is { } error)
        {
            logger.ConnectRefused(name, person.ToString(), error.Code);
            await audit.AppendAsync(new AuditRecord(clock.GetUtcNow(), person, "web", "rolodex.connect", AuditOutcomes.Refused, error.Code, $"connect {name}"), cancellationToken);
        }

        return result;
    }

    /// <summary>The address the service sends the browser back to, registered with each service's OAuth application.</summary>
    public Uri CallbackOf(string service) => new(links.Console, $"connect/{service}/callback");

    private async Task<CommandResult> CompleteFlowAsync(PersonId person, Guid sessionId, string service, AuthorizationResponse response, CancellationToken cancellationToken)
    {
        if (Usable(service) is { } refusal)
        {
            return refusal;
        }

        var provider = providers.Find(service)!;
        var hash = response.State is { Length: > 0 and <= 256 } state ? HashOf(state) : "";
        var flow = await db.Set<ConnectFlow>().AsNoTracking().SingleOrDefaultAsync(f => f.StateHash == hash, cancellationToken);
        // A state from another session, person or service is as unknown here as a made-up one: it completes nothing.
        if (flow is null || flow.SessionId != sessionId || flow.PersonId != person || flow.Service != service)
        {
            return RolodexErrors.UnknownConnectState();
        }

        var now = clock.GetUtcNow();
        if (flow.CompletedAt is not null)
        {
            return RolodexErrors.ConnectStateUsed();
        }

        if (flow.ExpiresAt <= now)
        {
            return RolodexErrors.ConnectExpired();
        }

        var spent = await db.Set<ConnectFlow>()
            .Where(f => f.Id == flow.Id && f.CompletedAt == null)
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.CompletedAt, now).SetProperty(x => x.CodeVerifier, (string?)null), cancellationToken);
        if (spent == 0)
        {
            return RolodexErrors.ConnectStateUsed();
        }

        if (response.Error is not null || response.Code is not { Length: > 0 } code)
        {
            return RolodexErrors.ConnectDeclined(provider.DisplayName);
        }

        var tokens = await provider.ExchangeAsync(code, flow.CodeVerifier, CallbackOf(service), cancellationToken);
        if (tokens.Value is not { } grant)
        {
            return Failed(provider, person, tokens.Failure, tokens.Reason, RolodexErrors.ConnectRefused(provider.DisplayName));
        }

        var account = await provider.CurrentAccountAsync(grant.AccessToken, cancellationToken);
        if (account.Value is not { } proven)
        {
            return Failed(provider, person, account.Failure, account.Reason, RolodexErrors.ConnectRefused(provider.DisplayName));
        }

        if (await LinkAsync(person, service, proven, now, cancellationToken) is { } taken)
        {
            // Keep no grant for an account that is not the person's to connect.
            await provider.RevokeAsync(grant.ToCredential(), cancellationToken);
            return taken;
        }

        if (await vault.StoreAsync(person, service, grant.ToCredential(), cancellationToken) is { } unstorable)
        {
            return unstorable;
        }

        cards.Forget(person);
        logger.AccountConnected(person.ToString(), service);
        await audit.AppendAsync(
            new AuditRecord(now, person, "web", "rolodex.connect", AuditOutcomes.Succeeded, null, $"connect {service} account {proven.ExternalId}"),
            cancellationToken);
        return Reply.Build(Severity.Success)
            .Line($"Connected your {provider.DisplayName} account **{proven.ExternalId}**: {provider.DisplayName} proved it is yours, and Switchboard can now act as you there.")
            .Fields(
                ("Account", proven.AlternateId is null ? proven.ExternalId : $"{proven.ExternalId} ({proven.AlternateId})"),
                ("Scopes", grant.Scopes.Count == 0 ? "none named" : string.Join(", ", grant.Scopes)),
                ("Token expires", grant.ExpiresAt?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "never"),
                ("Renewable", grant.RefreshToken is null ? "no" : "yes"))
            .ToReply();
    }

    /// <summary>
    /// Links the account as proven. A claim someone else made on it gives way to the proof; a link an admin
    /// vouched for or another proof does not. The person's earlier proven account on the service (another
    /// account, or the same one under a login since renamed) is replaced, since the vault holds one grant per service.
    /// </summary>
    private async Task<Error?> LinkAsync(PersonId person, string service, ProvenAccount proven, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.Set<Identity>()
            .Where(i => i.Service == service && i.Workspace == "" && (i.ExternalId == proven.ExternalId || (i.PersonId == person && i.Proof == IdentityProof.ProvenByService)))
            .ToListAsync(cancellationToken);
        if (existing.FirstOrDefault(i => i.ExternalId == proven.ExternalId && i.PersonId != person && i.Proof != IdentityProof.Claimed) is not null)
        {
            return RolodexErrors.AccountTaken(service, proven.ExternalId);
        }

        var same = existing.FirstOrDefault(i => i.ExternalId == proven.ExternalId && i.PersonId == person);
        foreach (var identity in existing.Where(i => i != same))
        {
            db.Remove(identity);
            cards.Forget(identity.PersonId);
        }

        if (same is null)
        {
            same = new Identity { Id = Guid.CreateVersion7(now), PersonId = person, Service = service, Workspace = "", ExternalId = proven.ExternalId };
            db.Add(same);
        }

        same.Proof = IdentityProof.ProvenByService;
        same.AssertedBy = null;
        same.AlternateId = proven.AlternateId;
        same.LinkedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return RolodexErrors.AccountTaken(service, proven.ExternalId);
        }

        return null;
    }

    private Error Failed(OAuthProvider provider, PersonId person, ProviderFailure? failure, string? reason, Error refused)
    {
        if (failure == ProviderFailure.Unreachable)
        {
            logger.ServiceUnreachable(provider.Service, person.ToString(), reason ?? "");
            return RolodexErrors.ServiceUnreachable(provider.DisplayName);
        }

        return refused;
    }

    private Error? Usable(string service) => providers.Find(service) switch
    {
        null => RolodexErrors.NotConnectable(service),
        { Options.IsConfigured: false } provider => RolodexErrors.ConnectionNotConfigured(provider.DisplayName),
        _ => null,
    };

    private static string HashOf(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
}
