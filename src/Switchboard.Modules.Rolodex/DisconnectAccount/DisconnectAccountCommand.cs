using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.Connections;
using Switchboard.Modules.Rolodex.People;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex.DisconnectAccount;

/// <summary>
/// <c>rolodex disconnect &lt;service&gt;</c>: ends Switchboard's grant at the service, then forgets its tokens and
/// the proven link here. The service being down does not keep the tokens: they go, and the reply says to
/// revoke the grant in the service's settings.
/// </summary>
internal sealed class DisconnectAccountCommand(
    SwitchboardDbContext db,
    OAuthProviders providers,
    GrantRevocation revocation,
    CredentialVault vault,
    PersonCards cards) : ICommandHandler<DisconnectAccountArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "rolodex disconnect",
        Summary: "Stop Switchboard acting as you on GitHub, Heroku or PagerDuty: revoke its access there and forget the tokens.",
        Permission: RolodexPermissions.LinkOwn,
        // It needs a connected account, which only a browser makes; `help` shows the usage.
        Examples: [])
    {
        Variants = ["rolodex disconnect github"],
    };

    public async Task<CommandResult> HandleAsync(DisconnectAccountArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (providers.Find(arguments.Service) is not { } provider)
        {
            return RolodexErrors.NotConnectable(arguments.Service);
        }

        var proven = await db.Set<Identity>()
            .Where(i => i.PersonId == actor.PersonId && i.Service == provider.Service && i.Proof == IdentityProof.ProvenByService)
            .ToListAsync(cancellationToken);
        if (proven.Count == 0)
        {
            return RolodexErrors.NotConnected(provider.Service);
        }

        var revoked = await revocation.RevokeAsync(actor.PersonId, provider.Service, cancellationToken);
        await vault.RemoveAsync(actor.PersonId, provider.Service, cancellationToken);
        db.RemoveRange(proven);
        await db.SaveChangesAsync(cancellationToken);
        cards.Forget(actor.PersonId);

        var accounts = string.Join(", ", proven.Select(i => i.ExternalId));
        return Reply.Build(Severity.Success)
            .Line($"Disconnected your {provider.DisplayName} account **{accounts}**: its tokens are gone from the vault, and Switchboard no longer acts as you on {provider.DisplayName}.")
            .Line(revoked
                ? $"{provider.DisplayName} confirmed that Switchboard's access is revoked."
                : $"{provider.DisplayName} did not confirm the revocation; remove Switchboard from the authorized applications in your {provider.DisplayName} settings.")
            .ToReply();
    }
}

internal sealed record DisconnectAccountArguments([Argument("The service: github, heroku or pagerduty.", MaxLength = 32)] string Service);
