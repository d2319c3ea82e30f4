using System.Globalization;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;
using Switchboard.Modules.Rolodex.Vault;

namespace Switchboard.Modules.Rolodex.ListCredentials;

/// <summary><c>vault list</c>: the services you keep tokens for, their scopes and expiry; never a token.</summary>
internal sealed class ListCredentialsCommand(CredentialVault vault, TimeProvider clock) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "vault list",
        Summary: "List the services you keep tokens for in the vault, with scopes, expiry and last change; never the tokens.",
        Permission: RolodexPermissions.OwnCredentials,
        Examples: ["vault list"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var entries = await vault.ListAsync(actor.PersonId, cancellationToken);
        if (entries.Count == 0)
        {
            return Reply.Text("You keep no tokens in the vault. `sb vault set <service>` stores one, reading it from standard input; so does the console's Vault page.");
        }

        var now = clock.GetUtcNow();
        return Reply.Build()
            .Line($"You keep tokens for {entries.Count} {(entries.Count == 1 ? "service" : "services")} in the vault:")
            .Fields(entries.Select(e => (e.Entry.Service, Describe(e.Entry, e.Unreadable, now))))
            .Buttons(entries.Select(e => new Button(
                $"Remove {e.Entry.Service}",
                $"vault remove {e.Entry.Service}",
                $"Remove your {e.Entry.Service} token from the vault? Switchboard can no longer act as you on {e.Entry.Service}.",
                ButtonStyle.Danger,
                $"vault-remove-{e.Entry.Id:D}")))
            .ToReply();
    }

    private static string Describe(VaultEntry entry, Error? unreadable, DateTimeOffset now)
    {
        var scopes = entry.ScopeList.Count == 0 ? "scopes not given" : "scopes " + string.Join(", ", entry.ScopeList);
        var expiry = entry.ExpiresAt switch
        {
            null => "no expiry given",
            { } at when at <= now => string.Create(CultureInfo.InvariantCulture, $"**expired** {at:yyyy-MM-dd HH:mm}Z"),
            { } at => string.Create(CultureInfo.InvariantCulture, $"expires {at:yyyy-MM-dd HH:mm}Z"),
        };
        var refresh = entry.SealedRefreshToken is null ? "" : ", renewable";
        var updated = string.Create(CultureInfo.InvariantCulture, $"updated {entry.UpdatedAt:yyyy-MM-dd HH:mm}Z");
        var state = unreadable is null ? "" : $". **Cannot be read**: the vault key {entry.KeyId} is not configured, or is not the key it was; store it again";
        return $"{scopes}; {expiry}{refresh}; {updated}{state}";
    }
}
