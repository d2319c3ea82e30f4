using Microsoft.EntityFrameworkCore;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Data.Database;

namespace Switchboard.Delivery.Channels;

/// <summary>People's private inboxes, each made the first time something is posted to it.</summary>
public sealed class Inboxes(SwitchboardDbContext db, TimeProvider clock)
{
    internal async Task<Channel> OfAsync(PersonSummary person, CancellationToken cancellationToken)
    {
        var inbox = await db.Set<Channel>().SingleOrDefaultAsync(c => c.OwnerPersonId == person.Id, cancellationToken);
        if (inbox is not null)
        {
            return inbox;
        }

        var now = clock.GetUtcNow();
        inbox = new Channel { Id = Guid.CreateVersion7(now), Name = ChannelNames.InboxOf(person.Handle), OwnerPersonId = person.Id, CreatedAt = now };
        db.Add(inbox);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return inbox;
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // Made meanwhile by another post to the same person.
            db.Entry(inbox).State = EntityState.Detached;
            return await db.Set<Channel>().SingleAsync(c => c.OwnerPersonId == person.Id, cancellationToken);
        }
    }

    /// <param name="name">An inbox's channel name, <c>@handle</c>.</param>
    internal async Task<Guid?> IdOfAsync(string name, CancellationToken cancellationToken) =>
        await db.Set<Channel>().Where(c => c.Name == name && c.OwnerPersonId != null).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
}
