using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.Tokens;

namespace Switchboard.Modules.Rolodex.ListTokens;

internal sealed class ListTokensCommand(SwitchboardDbContext db) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "token list",
        Summary: "List your API tokens: names, prefixes, scope and last use, never the tokens.",
        Permission: RolodexPermissions.OwnTokens,
        Examples: ["token list"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var tokens = await db.Set<ApiToken>()
            .Where(t => t.PersonId == actor.PersonId && t.RevokedAt == null)
            .OrderBy(t => t.Name)
            .ToListAsync(cancellationToken);
        return tokens.Count == 0
            ? Reply.Text("You have no active tokens. Create one with `token create <name>`.")
            : Reply.Build()
                .Line($"{tokens.Count} active {(tokens.Count == 1 ? "token" : "tokens")}:")
                .Fields(tokens.Select(t => (t.Name, Describe(t))))
                .ToReply();
    }

    private static string Describe(ApiToken token) => string.Create(
        CultureInfo.InvariantCulture,
        $"{token.Prefix}…, {(token.IsReadOnly ? "read-only" : "read and write")}, created {token.CreatedAt:yyyy-MM-dd}, " +
        $"{(token.LastUsedAt is { } used ? $"last used {used:yyyy-MM-dd}" : "never used")}" +
        $"{(token.ExpiresAt is { } expires ? $", expires {expires:yyyy-MM-dd}" : "")}");
}
