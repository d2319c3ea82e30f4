using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.Delivery.Channels;

/// <summary>
/// The ids of shared channels by name, kept once found: every notification names its channel, and
/// shared channels are never renamed or deleted, so a name found once stays right. A command that comes
/// to delete or rename channels must forget them here, in every process.
/// </summary>
public sealed class KnownChannels
{
    private readonly ConcurrentDictionary<string, Guid> _ids = new(StringComparer.Ordinal);

    /// <param name="name">Lower case, without <c>#</c>.</param>
    internal async Task<Guid?> IdOfAsync(SwitchboardDbContext db, string name, CancellationToken cancellationToken)
    {
        if (_ids.TryGetValue(name, out var known))
        {
            return known;
        }

        var found = await db.Set<Channel>()
            .Where(c => c.Name == name && c.OwnerPersonId == null)
            .Select(c => (Guid?)c.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (found is { } id)
        {
            _ids[name] = id;
        }

        return found;
    }
}
