using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;
using Switchboard.Data;

namespace Switchboard.Delivery.Channels;

/// <summary>
/// Switchboard's own messages into the built-in channels (notifications, alerts). It saves through the
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

        db.Add(new ChannelMessage
        {
            ChannelId = found.Id,
            Text = PlainTextRenderer.Render(message),
            ReplyJson = ReplyJson.Serialize(message),
            PostedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        activity.Posted();
        return null;
    }

    /// <summary>Whether a shared channel by this name exists, for commands that will post to it later.</summary>
    public Task<bool> ExistsAsync(string channel, CancellationToken cancellationToken)
    {
        var name = channel.TrimStart('#').ToLowerInvariant();
        return db.Set<Channel>().AnyAsync(c => c.Name == name && c.OwnerPersonId == null, cancellationToken);
    }
}
