using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Rolodex.Tokens;

namespace Switchboard.Modules.Rolodex.RevokeToken;

/// <summary><c>token revoke</c>: the token stops working on the next request.</summary>
internal sealed class RevokeTokenCommand(SwitchboardDbContext db, RecentCredentials<RecentToken> recentTokens, TimeProvider clock) : ICommandHandler<RevokeTokenArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "token revoke",
        Summary: "Revoke one of your API tokens by name.",
        Permission: RolodexPermissions.OwnTokens,
        Examples: ["token revoke laptop"]);

    public async Task<CommandResult> HandleAsync(RevokeTokenArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var name = arguments.Name.Trim();
        var token = await db.Set<ApiToken>()
            .SingleOrDefaultAsync(t => t.PersonId == actor.PersonId && t.Name == name && t.RevokedAt == null, cancellationToken);
        if (token is null)
        {
            return RolodexErrors.UnknownToken(name);
        }

        token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        recentTokens.Forget(token.Hash);
        return Reply.Text($"Revoked token **{name}**. Anything still using it is now refused.", Severity.Success);
    }
}

internal sealed record RevokeTokenArguments([Argument("The token's name, as 'token list' shows it.")] string Name);
