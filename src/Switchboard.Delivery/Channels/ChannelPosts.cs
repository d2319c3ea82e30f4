using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;

namespace Switchboard.Delivery.Channels;

/// <summary>
/// Messages into the built-in channels: Switchboard's own (notifications, alerts) and what people <c>say</c>. It saves through the
/// scope's database context, so inside a caller's transaction the message commits with the caller's work.
/// </summary>
public sealed class ChannelPosts(SwitchboardDbContext db, ChannelActivity activity, TimeProvider clock)
{
    public async Task<Error?> PostAsync(string channel, Reply message, CancellationToken cancellationToken)
    {
        var name = channel.TrimStart('#').ToLowerInvariant();
        var found = await db.Set<Channel>().SingleOrDefaultAsync(c => c.Name == name && c.OwnerPersonId == null, cancellationToken);
        if (found is null)
        {
            return ChannelErrors.UnknownChannel("#" + name);
        }

        await AddAsync(found, message, author: null, cancellationToken);
        return null;
    }

    /// <param name="author">Who wrote it; null for Switchboard's own messages.</param>
    internal async Task AddAsync(Channel channel, Reply message, PersonId? author, CancellationToken cancellationToken)
    {
        db.Add(new ChannelMessage
        {
            ChannelId = channel.Id,
            AuthorPersonId = author,
            Text = PlainTextRenderer.Render(message),
            ReplyJson = ReplyJson.Serialize(message),
            PostedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        activity.Posted();
    }

    /// <summary>Whether a shared channel by this name exists, for commands that will post to it later.</summary>
    public Task<bool> ExistsAsync(string channel, CancellationToken cancellationToken)
    {
        var name = channel.TrimStart('#').ToLowerInvariant();
        return db.Set<Channel>().AnyAsync(c => c.Name == name && c.OwnerPersonId == null, cancellationToken);
    }
}
