using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Core.Security;

namespace Switchboard.Modules.Rolodex.RekeyVault;

/// <summary>
/// <c>vault rekey</c>: after an operator configures a new active key (<c>Vault:ActiveKey</c>) and restarts,
/// start-up re-wraps the vault under it; this runs the same again and says where the vault stands.
/// </summary>
internal sealed class RekeyVaultCommand(VaultRekeying rekeying) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "vault rekey",
        Summary: "Re-wrap every vault entry under the active vault key, and report entries no configured key opens.",
        Permission: RolodexPermissions.RekeyVault,
        Examples: ["vault rekey"])
    {
        ReportedAs = SuspectActionKinds.VaultChanged,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var outcome = await rekeying.RekeyAsync(cancellationToken);
        var reply = Reply.Build(outcome.Unreadable.Count == 0 ? Severity.Success : Severity.Warning)
            .Line($"The vault's active key is **{outcome.ActiveKey}**.")
            .Fields(
                ("Re-wrapped now", outcome.Rewrapped.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Already under it", outcome.AlreadyActive.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Cannot be read", outcome.Unreadable.Values.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (outcome.Unreadable.Count > 0)
        {
            reply.Line(
                $"Entries under {string.Join(", ", outcome.Unreadable.Keys.Order(StringComparer.Ordinal))} stay as they are: configure that key again " +
                "(Vault:Keys or the key file) and run `vault rekey`, or have their owners store their tokens again.");
        }

        return reply.ToReply();
    }
}
