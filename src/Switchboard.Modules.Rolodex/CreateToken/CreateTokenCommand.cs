using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Data.Database;
using Switchboard.Modules.Rolodex.Tokens;

namespace Switchboard.Modules.Rolodex.CreateToken;

/// <summary>
/// <c>token create</c>: a personal API token, shown this once. Never offered in chat, where the reply
/// would sit in a channel's history.
/// </summary>
internal sealed class CreateTokenCommand(SwitchboardDbContext db, TimeProvider clock) : ICommandHandler<CreateTokenArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "token create",
        Summary: "Create a personal API token for the sb CLI or a script; it is shown once.",
        Permission: RolodexPermissions.OwnTokens,
        Examples: ["token create laptop", "token create dashboards --read-only --expires-in-days 90"])
    {
        NotOfferedOn = new HashSet<FrontEnd> { FrontEnd.Slack, FrontEnd.Email, FrontEnd.Sms },
        RevealsSecret = true,
    };

    public async Task<CommandResult> HandleAsync(CreateTokenArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (arguments.ExpiresInDays is < 1 or > 3650)
        {
            return RolodexErrors.InvalidExpiry(arguments.ExpiresInDays.Value);
        }

        var now = clock.GetUtcNow();
        var asked = arguments.ExpiresInDays is { } days ? now.AddDays(days) : (DateTimeOffset?)null;

        // A token made with an expiring credential expires with it at the latest, so a short-lived
        // credential cannot mint a permanent one.
        var expiresAt = actor.CredentialExpiresAt is { } limit && (asked is null || asked > limit) ? limit : asked;
        var (token, value) = Issue(actor.PersonId, arguments.Name.Trim(), arguments.ReadOnly, expiresAt, now);
        db.Add(token);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return RolodexErrors.TokenNameTaken(token.Name);
        }

        return Reply.Build(Severity.Success)
            .Line($"Created token **{token.Name}**{(token.IsReadOnly ? " (read-only)" : "")}. Copy it now: it is not shown again.")
            .Fields(("Token", value), ("Expires", token.ExpiresAt?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "never"))
            .ToReply();
    }

    public static (ApiToken Token, string Value) Issue(Core.People.PersonId person, string name, bool readOnly, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var value = TokenFormat.NewToken();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            PersonId = person,
            Name = name,
            Hash = TokenFormat.HashOf(value),
            Prefix = TokenFormat.VisiblePrefix(value),
            IsReadOnly = readOnly,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (token, value);
    }
}

internal sealed record CreateTokenArguments(
    [Argument("A name to tell it apart, such as the machine it lives on.", MaxLength = 100)] string Name,
    [Option("Allow only read-only commands.")] bool ReadOnly = false,
    [Option("Expire after this many days; never when omitted.")] int? ExpiresInDays = null);
