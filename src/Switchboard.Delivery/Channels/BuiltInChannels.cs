using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;

namespace Switchboard.Delivery.Channels;

/// <summary>Reads built-in channels for the HTTP API and the console: the shared ones and the reader's own inbox.</summary>
public sealed class BuiltInChannels(SwitchboardDbContext db, IPersonDirectory people)
{
    public const int MaxPage = 500;

    public async Task<IReadOnlyList<ChannelView>> ListAsync(Actor actor, CancellationToken cancellationToken) =>
        await db.Set<Channel>()
            .Where(c => c.OwnerPersonId == null || c.OwnerPersonId == actor.PersonId)
            .OrderBy(c => c.OwnerPersonId != null)
            .ThenBy(c => c.Name)
            .Select(c => new ChannelView(c.Name, c.Description, c.OwnerPersonId != null))
            .ToListAsync(cancellationToken);

    /// <param name="channel"><c>ops</c>, <c>#ops</c>, <c>@handle</c> for an inbox, or <c>inbox</c> for the reader's own.</param>
    /// <param name="after">Only messages after this id, to page forwards.</param>
    public async Task<(IReadOnlyList<MessageView>? Messages, Error? Error)> ReadAsync(
        string channel, Actor actor, long? after, int limit, CancellationToken cancellationToken)
    {
        var (found, error) = await FindAsync(channel, actor, limit, cancellationToken);
        if (found is null)
        {
            return (error is null ? [] : null, error);
        }

        var messages = await db.Set<ChannelMessage>().AsNoTracking()
            .Where(m => m.ChannelId == found.Id && m.Id > (after ?? 0))
            .OrderBy(m => m.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return (await ViewsAsync(messages, cancellationToken), null);
    }

    /// <summary>The live messages replaced in place after <paramref name="since"/>, least recently edited first: what a reader following the channel redraws.</summary>
    public async Task<(IReadOnlyList<MessageView>? Messages, Error? Error)> ReadEditedAsync(
        string channel, Actor actor, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var (found, error) = await FindAsync(channel, actor, MaxPage, cancellationToken);
        if (found is null)
        {
            return (error is null ? [] : null, error);
        }

        var messages = await db.Set<ChannelMessage>().AsNoTracking()
            .Where(m => m.ChannelId == found.Id && m.EditedAt >= since)
            .OrderBy(m => m.EditedAt)
            .Take(MaxPage)
            .ToListAsync(cancellationToken);
        return (await ViewsAsync(messages, cancellationToken), null);
    }

    /// <summary>The newest messages, oldest first: what a page opening on a channel shows.</summary>
    public async Task<(IReadOnlyList<MessageView>? Messages, Error? Error)> ReadNewestAsync(
        string channel, Actor actor, int limit, CancellationToken cancellationToken)
    {
        var (found, error) = await FindAsync(channel, actor, limit, cancellationToken);
        if (found is null)
        {
            return (error is null ? [] : null, error);
        }

        var messages = await db.Set<ChannelMessage>().AsNoTracking()
            .Where(m => m.ChannelId == found.Id)
            .OrderByDescending(m => m.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        messages.Reverse();
        return (await ViewsAsync(messages, cancellationToken), null);
    }

    /// <returns>The channel; or neither it nor an error when it is the reader's own inbox, not yet written to.</returns>
    private async Task<(Channel? Channel, Error? Error)> FindAsync(string channel, Actor actor, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            return (null, Error.Invalid("channels.invalid-limit", $"limit must be between 1 and {MaxPage}."));
        }

        var ownInbox = ChannelNames.InboxOf(actor.Person.Handle);
        var name = channel == ChannelNames.OwnInbox ? ownInbox : channel.TrimStart('#').ToLowerInvariant();
        if (name.StartsWith('@') && name != ownInbox)
        {
            // Refused whether or not the inbox exists, so the answer does not tell who has been written to.
            return (null, ChannelErrors.PrivateInbox(name));
        }

        var found = await db.Set<Channel>().AsNoTracking().SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        return found is null && name != ownInbox ? (null, ChannelErrors.UnknownChannel(channel)) : (found, null);
    }

    private async Task<List<MessageView>> ViewsAsync(List<ChannelMessage> messages, CancellationToken cancellationToken)
    {
        var handles = new Dictionary<PersonId, string?>();
        foreach (var author in messages.Select(m => m.AuthorPersonId).OfType<PersonId>().Distinct())
        {
            handles[author] = (await people.FindAsync(author, cancellationToken))?.Handle;
        }

        return messages.Select(m => new MessageView(
            m.Id,
            m.AuthorPersonId,
            m.AuthorPersonId is { } author ? handles[author] : null,
            m.Text,
            ReplyJson.Deserialize(m.ReplyJson),
            m.PostedAt,
            m.ThreadOf,
            m.EditedAt)).ToList();
    }
}

public sealed record ChannelView(string Name, string Description, bool IsInbox);

/// <param name="AuthorHandle">The author's @handle without the @, or null for Switchboard's own messages.</param>
/// <param name="ThreadOf">The id of the message whose thread this one replies in (a merge under its pull request); null for a message of its own.</param>
/// <param name="EditedAt">When a live message (an incident, a deployment) was last replaced in place; null if never.</param>
public sealed record MessageView(long Id, PersonId? Author, string? AuthorHandle, string Text, Reply Reply, DateTimeOffset PostedAt, long? ThreadOf, DateTimeOffset? EditedAt);
