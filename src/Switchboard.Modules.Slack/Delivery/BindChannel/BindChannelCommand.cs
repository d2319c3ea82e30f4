using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Delivery.Channels;
using Switchboard.Modules.Slack.WebApi;

namespace Switchboard.Modules.Slack.Delivery.BindChannel;

/// <summary>
/// <c>channel bind #ops slack:C0123ABC</c> (or <c>slack:#ops-alerts</c>): from now on the channel's messages also go to
/// that Slack channel. The Slack channel must exist, not be archived, and have the app in it, so deliveries do not
/// fail later for reasons a person could fix now.
/// </summary>
internal sealed class BindChannelCommand(
    SwitchboardDbContext db, ChannelPosts channels, SlackWebApi slack, TimeProvider clock, ILogger<BindChannelCommand> logger)
    : ICommandHandler<BindChannelArguments>
{
    private const string Prefix = "slack:";

    /// <summary>Enough pages of <c>conversations.list</c> for a large workspace, and a bound on a name that is not there.</summary>
    private const int MaxListPages = 20;

    public static CommandDefinition Definition { get; } = new(
        Verb: "channel bind",
        Summary: "Also post a channel's messages to a Slack channel, given by id or name.",
        Permission: SlackPermissions.Bind,
        Examples: ["channel bind #ops slack:C0123ABC"]);

    public async Task<CommandResult> HandleAsync(BindChannelArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var channel = arguments.Channel.Name;
        if (!await channels.ExistsAsync(channel, cancellationToken))
        {
            return SlackDeliveryErrors.UnknownChannel(channel);
        }

        if (!arguments.Target.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || arguments.Target.Length == Prefix.Length)
        {
            return SlackDeliveryErrors.NotASlackTarget(arguments.Target);
        }

        var found = await FindAsync(arguments.Target[Prefix.Length..], cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }

        var slackChannel = found.Value!;
        var name = slackChannel.Name ?? slackChannel.Id;
        if (slackChannel.IsArchived)
        {
            return SlackDeliveryErrors.SlackChannelArchived(name);
        }

        if (!slackChannel.IsMember)
        {
            return SlackDeliveryErrors.NotInSlackChannel(name);
        }

        var binding = await db.Set<SlackChannelBinding>().SingleOrDefaultAsync(b => b.Channel == channel, cancellationToken);
        var previous = binding?.SlackChannelName;
        if (binding is null)
        {
            binding = new SlackChannelBinding { Channel = channel, SlackChannelId = slackChannel.Id, SlackChannelName = name };
            db.Add(binding);
        }

        binding.SlackChannelId = slackChannel.Id;
        binding.SlackChannelName = name;
        binding.BoundBy = actor.PersonId;
        binding.BoundAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        logger.Bound(channel, slackChannel.Id, actor.PersonId);

        var replaced = previous is null || previous == name ? "" : $" instead of Slack's #{previous}";
        return Reply.Text($"#{channel} now also posts to Slack's #{name} (`{slackChannel.Id}`){replaced}. `channel unbind #{channel}` stops it.", Severity.Success);
    }

    private async Task<(SlackConversation? Value, Error? Error)> FindAsync(string target, CancellationToken cancellationToken)
    {
        if (!target.StartsWith('#') && IsChannelId(target))
        {
            var info = await slack.ConversationInfoAsync(target, cancellationToken);
            return (info.Value, info.Error);
        }

        var name = target.TrimStart('#').ToLowerInvariant();
        string? cursor = null;
        for (var page = 0; page < MaxListPages; page++)
        {
            var listed = await slack.ListConversationsAsync(cursor, limit: 200, cancellationToken);
            if (listed.Error is { } error)
            {
                return (null, error);
            }

            if (listed.Value!.Items.FirstOrDefault(c => c.Name == name) is { } match)
            {
                return (match, null);
            }

            if ((cursor = listed.Value.NextCursor) is null)
            {
                break;
            }
        }

        return (null, SlackDeliveryErrors.NoSuchSlackChannel(name));
    }

    /// <summary>Slack's channel ids are upper-case letters and digits starting with C (public) or G (private).</summary>
    private static bool IsChannelId(string text) =>
        text.Length >= 8 && text[0] is 'C' or 'G' && text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}

internal sealed record BindChannelArguments(
    [Argument("The Switchboard channel, such as #ops.")] ChannelReference Channel,
    [Argument("The Slack channel: slack:C0123ABC (its id) or slack:#name.", MaxLength = 100)] string Target);
