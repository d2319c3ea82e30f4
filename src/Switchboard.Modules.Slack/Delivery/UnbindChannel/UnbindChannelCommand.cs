using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;

namespace Switchboard.Modules.Slack.Delivery.UnbindChannel;

/// <summary>
/// <c>channel unbind #ops</c>: the channel's messages stop going to Slack. What is already waiting for Slack is
/// dead-lettered with the reason, and the built-in history is untouched.
/// </summary>
internal sealed class UnbindChannelCommand(SwitchboardDbContext db, ILogger<UnbindChannelCommand> logger) : ICommandHandler<UnbindChannelArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "channel unbind",
        Summary: "Stop posting a channel's messages to Slack.",
        Permission: SlackPermissions.Bind,
        Examples: ["channel unbind #ops"]);

    public async Task<CommandResult> HandleAsync(UnbindChannelArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var channel = arguments.Channel.Name;
        var binding = await db.Set<SlackChannelBinding>().SingleOrDefaultAsync(b => b.Channel == channel, cancellationToken);
        if (binding is null)
        {
            return Reply.Text($"#{channel} was not bound to Slack; nothing changed.");
        }

        db.Remove(binding);
        await db.SaveChangesAsync(cancellationToken);
        logger.Unbound(channel, binding.SlackChannelId, actor.PersonId);
        return Reply.Text($"#{channel} no longer posts to Slack's #{binding.SlackChannelName}.", Severity.Success);
    }
}

internal sealed record UnbindChannelArguments([Argument("The Switchboard channel, such as #ops.")] ChannelReference Channel);
