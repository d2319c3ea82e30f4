using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Delivery.Outbox;

namespace Switchboard.Delivery.Channels;

/// <summary>
/// Messages into channels: Switchboard's own (notifications, alerts), which go through the outbox, and what people <c>say</c>. It
/// saves through the scope's database context, so inside a caller's transaction the message commits with the caller's work.
/// </summary>
public sealed class ChannelPosts(
    SwitchboardDbContext db, KnownChannels channels, Inboxes inboxes, IPersonDirectory people, ChannelActivity activity, TimeProvider clock, OutboxQueue outbox)
{
    /// <summary>
    /// Posts Switchboard's own message to a shared channel through the outbox: to the channel's history
    /// and to every bridge that carries the channel, each in order, once the caller's transaction commits.
    /// </summary>
    /// <param name="threadKey">
    /// Messages with one key form a thread in the channel (a pull request and its merge): the first is a
    /// message of its own, the later ones replies in its thread. Null for a message outside any thread.
    /// </param>
    public async Task<Error?> PostAsync(string channel, Reply message, string? threadKey, CancellationToken cancellationToken)
    {
        var name = channel.TrimStart('#').ToLowerInvariant();
        if (await channels.IdOfAsync(db, name, cancellationToken) is null)
        {
            return ChannelErrors.UnknownChannel("#" + name);
        }

        await outbox.EnqueueAsync(name, message, threadKey, bridgesOnly: false, replacesFirst: false, cancellationToken);
        return null;
    }

    /// <summary>
    /// A live message: one message that stands for one thing as it changes (an incident, a deployment). The first post
    /// with a key makes it; each later one replaces it in place, in every chat that can edit a message (the built-in
    /// channels, Slack), and is posted anew by one that cannot. <see cref="PostAsync"/> with the key as its thread key
    /// replies in its thread.
    /// </summary>
    public async Task<Error?> PostLiveAsync(string channel, Reply message, string liveKey, CancellationToken cancellationToken)
    {
        var name = channel.TrimStart('#').ToLowerInvariant();
        if (await channels.IdOfAsync(db, name, cancellationToken) is null)
        {
            return ChannelErrors.UnknownChannel("#" + name);
        }

        await outbox.EnqueueAsync(name, message, liveKey, bridgesOnly: false, replacesFirst: true, cancellationToken);
        return null;
    }

    /// <summary>Switchboard's own message to one person's inbox (made if they have none yet); live, as <see cref="PostLiveAsync"/>, when it has a key.</summary>
    public async Task<Error?> PostToInboxAsync(PersonId person, Reply message, string? liveKey, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(person, cancellationToken) is not { } found)
        {
            return ChannelErrors.UnknownPerson(person.ToString());
        }

        var inbox = await inboxes.OfAsync(found, cancellationToken);
        await outbox.EnqueueAsync(inbox.Name, message, liveKey, bridgesOnly: false, replacesFirst: liveKey is not null, cancellationToken);
        return null;
    }

    /// <summary>
    /// What a person says: in the channel's history at once, and through the outbox to any bridge that
    /// carries a shared channel, signed with their handle there.
    /// </summary>
    internal async Task SayAsync(Channel channel, string text, PersonSummary author, CancellationToken cancellationToken)
    {
        var message = Reply.Text(text);
        db.Add(new ChannelMessage
        {
            ChannelId = channel.Id,
            AuthorPersonId = author.Id,
            Text = PlainTextRenderer.Render(message),
            ReplyJson = ReplyJson.Serialize(message),
            PostedAt = clock.GetUtcNow(),
        });
        if (channel.IsInbox)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await outbox.EnqueueAsync(channel.Name, Reply.Text($"@{author.Handle}: {text}"), threadKey: null, bridgesOnly: true, replacesFirst: false, cancellationToken);
        }

        activity.Posted();
    }

    /// <summary>Whether a shared channel by this name exists, for commands that will post to it later.</summary>
    public async Task<bool> ExistsAsync(string channel, CancellationToken cancellationToken) =>
        await channels.IdOfAsync(db, channel.TrimStart('#').ToLowerInvariant(), cancellationToken) is not null;
}
