using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;

namespace Switchboard.Delivery.Channels.PostMessage;

/// <summary><c>say</c>: posts to a built-in channel, or to a person's inbox with <c>@handle</c>.</summary>
internal sealed class PostMessageCommand(SwitchboardDbContext db, IPersonDirectory people, ChannelPosts posts, Inboxes inboxes) : ICommandHandler<PostMessageArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "say",
        Summary: "Post a message to a channel, or to someone's inbox with @handle.",
        Permission: ChannelPermissions.Post,
        Examples: ["say #ops the database failover is done", "say @bob your deploy is waiting for approval"]);

    public async Task<CommandResult> HandleAsync(PostMessageArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(arguments.Text))
        {
            return ChannelErrors.EmptyMessage();
        }

        var (channel, error) = arguments.To.StartsWith('@')
            ? await InboxAsync(arguments.To, cancellationToken)
            : await SharedChannelAsync(arguments.To.TrimStart('#').ToLowerInvariant(), cancellationToken);
        if (channel is null)
        {
            return error!;
        }

        await posts.SayAsync(channel, arguments.Text.Trim(), actor.Person, cancellationToken);
        return Reply.Text($"Posted to {(channel.IsInbox ? channel.Name + "'s inbox" : "#" + channel.Name)}.", Severity.Success);
    }

    private async Task<(Channel?, Core.Errors.Error?)> SharedChannelAsync(string name, CancellationToken cancellationToken)
    {
        var channel = await db.Set<Channel>().SingleOrDefaultAsync(c => c.Name == name && c.OwnerPersonId == null, cancellationToken);
        return channel is null ? (null, ChannelErrors.UnknownChannel("#" + name)) : (channel, null);
    }

    private async Task<(Channel?, Core.Errors.Error?)> InboxAsync(string reference, CancellationToken cancellationToken)
    {
        var person = await people.FindAsync(reference, cancellationToken);
        return person is null ? (null, ChannelErrors.UnknownPerson(reference)) : (await inboxes.OfAsync(person, cancellationToken), null);
    }
}

internal sealed record PostMessageArguments(
    [Argument("#channel, or @handle for a person's inbox.")] string To,
    [Argument("The message.", TakesRest = true, MaxLength = 4_000)] string Text);
