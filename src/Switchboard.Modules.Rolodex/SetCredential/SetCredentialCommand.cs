using System.Globalization;
using Switchboard.Core.Commands;
using Switchboard.Core.Credentials;
using Switchboard.Core.Replies;
using Switchboard.Core.Security;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex.SetCredential;

/// <summary>
/// <c>vault set &lt;service&gt;</c>: keeps the person's token for a service, encrypted, replacing any earlier
/// one. The token is the command's secret input, so it is never in the command line, the audit trail or a
/// reply; and the command is not offered in chat, where a pasted token would stay in the channel's history.
/// </summary>
internal sealed class SetCredentialCommand(CredentialVault vault, TimeProvider clock) : ICommandHandler<SetCredentialArguments>
{
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "O"];

    public static CommandDefinition Definition { get; } = new(
        Verb: "vault set",
        Summary: "Keep your token for a service in the vault, encrypted; sb reads it from standard input, never from the command line.",
        Permission: RolodexPermissions.OwnCredentials,
        // A token goes in as the secret input, which no example can show; `help vault set` says how.
        Examples: [])
    {
        Variants = ["vault set github"],
        NotOfferedOn = new HashSet<FrontEnd> { FrontEnd.Slack, FrontEnd.Email, FrontEnd.Sms },
        NotOfferedReason = "Tokens are never entered in chat, where they would stay in the channel's history. From a terminal, run `sb vault set <service>`: it reads the token from standard input without showing it. Or use the Vault page of the web console.",
        ReportedAs = SuspectActionKinds.VaultChanged,
    };

    public async Task<CommandResult> HandleAsync(SetCredentialArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (!VaultRules.IsServiceName(arguments.Service))
        {
            return RolodexErrors.InvalidVaultService();
        }

        DateTimeOffset? expiresAt = null;
        if (arguments.Expires is { } expires)
        {
            if (!DateTimeOffset.TryParseExact(expires, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                || parsed <= clock.GetUtcNow())
            {
                return RolodexErrors.InvalidCredentialExpiry();
            }

            expiresAt = parsed;
        }

        var scopes = VaultRules.ScopesFrom(arguments.Scope);
        if (await vault.StoreAsync(actor.PersonId, arguments.Service, new ServiceCredential(arguments.Value, null, expiresAt, scopes), cancellationToken) is { } error)
        {
            return error;
        }

        return Reply.Build(Severity.Success)
            .Line($"Keeping your **{arguments.Service}** token in the vault, encrypted; it replaces any you had there.")
            .Fields(
                ("Scopes", scopes.Count == 0 ? "not given" : string.Join(", ", scopes)),
                ("Expires", expiresAt?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "not given"))
            .ToReply();
    }
}

internal sealed record SetCredentialArguments(
    [Argument("The service the token is for, in lower case: github, heroku, pagerduty, or another.", MaxLength = VaultRules.MaxServiceLength)] string Service,
    [SecretInput("The token, as the service issued it.", MaxLength = VaultRules.MaxValueLength)] string Value,
    [Option("What the token may do, as the service names it (repo, read:org); may be given more than once.", MaxLength = VaultRules.MaxScopeLength)] IReadOnlyList<string> Scope,
    [Option("When the token stops working: a day (2026-12-31) or a moment (2026-12-31T18:00:00Z).", MaxLength = 40)] string? Expires = null);
