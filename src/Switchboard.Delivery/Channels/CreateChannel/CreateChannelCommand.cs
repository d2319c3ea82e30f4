using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Data.Database;

namespace Switchboard.Delivery.Channels.CreateChannel;

internal sealed class CreateChannelCommand(SwitchboardDbContext db, TimeProvider clock) : ICommandHandler<CreateChannelArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "channel create",
        Summary: "Create a built-in channel.",
        Permission: ChannelPermissions.Create,
        Examples: ["channel create incidents --description \"One thread per incident\""]);

    public async Task<CommandResult> HandleAsync(CreateChannelArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var name = arguments.Name.Name;
        if (!ChannelNames.IsValid(name))
        {
            return ChannelErrors.InvalidName(name);
        }

        var now = clock.GetUtcNow();
        db.Add(new Channel { Id = Guid.CreateVersion7(now), Name = name, Description = arguments.Description?.Trim() ?? "", CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return ChannelErrors.ChannelExists(name);
        }

        return Reply.Text($"Created #{name}.", Severity.Success);
    }
}

internal sealed record CreateChannelArguments(
    [Argument("The channel, with or without '#'.")] ChannelReference Name,
    [Option("What the channel is for.", MaxLength = 500)] string? Description = null);
