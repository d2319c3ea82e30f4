using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;

namespace Switchboard.Delivery.Channels.ListChannels;

internal sealed class ListChannelsCommand(SwitchboardDbContext db) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "channel list",
        Summary: "List the built-in channels you can read.",
        Permission: ChannelPermissions.Read,
        Examples: ["channel list"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var channels = await db.Set<Channel>()
            .Where(c => c.OwnerPersonId == null)
            .OrderBy(c => c.Name)
            .Select(c => new { c.Name, c.Description })
            .ToListAsync(cancellationToken);
        return Reply.Build()
            .Fields(channels.Select(c => ("#" + c.Name, c.Description.Length == 0 ? "-" : c.Description)))
            .Line($"Your inbox is {ChannelNames.InboxOf(actor.Person.Handle)}.")
            .ToReply();
    }
}
