using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Core.Security;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex.RemoveCredential;

/// <summary><c>vault remove &lt;service&gt;</c>: forgets your token for a service; the service itself still honours it until you revoke it there.</summary>
internal sealed class RemoveCredentialCommand(CredentialVault vault) : ICommandHandler<RemoveCredentialArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "vault remove",
        Summary: "Remove your token for a service from the vault.",
        Permission: RolodexPermissions.OwnCredentials,
        // Nothing is in a fresh installation's vault to remove, and nothing can be put there in an example.
        Examples: [])
    {
        ReportedAs = SuspectActionKinds.VaultChanged,
        Variants = ["vault remove github"],
    };

    public async Task<CommandResult> HandleAsync(RemoveCredentialArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (!VaultRules.IsServiceName(arguments.Service))
        {
            return RolodexErrors.InvalidVaultService();
        }

        return await vault.RemoveAsync(actor.PersonId, arguments.Service, cancellationToken)
            ? Reply.Text($"Removed your {arguments.Service} token from the vault. It still works at {arguments.Service} until you revoke it there.", Severity.Success)
            : RolodexErrors.NoCredential(arguments.Service);
    }
}

internal sealed record RemoveCredentialArguments(
    [Argument("The service, as 'vault list' shows it.", MaxLength = VaultRules.MaxServiceLength)] string Service);
