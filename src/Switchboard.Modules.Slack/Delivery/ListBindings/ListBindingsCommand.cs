using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;

namespace Switchboard.Modules.Slack.Delivery.ListBindings;

internal sealed class ListBindingsCommand(SwitchboardDbContext db) : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "slack bindings",
        Summary: "List the channels that also post to Slack, and where.",
        Permission: SlackPermissions.Read,
        Examples: ["slack bindings"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var bindings = await db.Set<SlackChannelBinding>().AsNoTracking().OrderBy(b => b.Channel).ToListAsync(cancellationToken);
        if (bindings.Count == 0)
        {
            return Reply.Text("No channel posts to Slack. `channel bind #ops slack:#ops-alerts` binds one.");
        }

        return Reply.Build()
            .Fields(bindings.Select(b => ("#" + b.Channel, $"Slack #{b.SlackChannelName} (`{b.SlackChannelId}`)")))
            .ToReply();
    }
}
