using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.Delivery.Outbox;

internal readonly record struct OutboxStream(string Channel, string Adapter);

/// <summary>
/// Keeps each stream to one process at a time, so its order holds with several processes. On
/// PostgreSQL a worker holds a session advisory lock on a connection of its own while it delivers the
/// stream; the server releases it the moment that process dies, so a restart or another process goes
/// on at once, with no lease to wait out. SQLite serves one process, whose dispatcher never runs two
/// workers for one stream, so it needs no lock.
/// </summary>
internal sealed class StreamLocks(IDbContextFactory<SwitchboardDbContext> contexts)
{
    /// <summary>Outbox streams' locks, apart from the event appenders' single-key lock.</summary>
    private const int LockSpace = 91437004;

    /// <returns>The held lock, to dispose when done; null while another process delivers the stream.</returns>
    public async Task<IAsyncDisposable?> TryTakeAsync(OutboxStream stream, CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsNpgsql())
        {
            await db.DisposeAsync();
            return Unlocked.Instance;
        }

        var key = $"{stream.Channel}/{stream.Adapter}";
        await db.Database.OpenConnectionAsync(cancellationToken);
        var taken = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_lock({LockSpace}, hashtext({key})) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (taken)
        {
            return new Held(db, key);
        }

        await db.DisposeAsync();
        return null;
    }

    private sealed class Held(SwitchboardDbContext db, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockSpace}, hashtext({key}))");
            }
            finally
            {
                // An unlock fails on a broken connection, and the server drops the lock with that session.
                await db.Database.CloseConnectionAsync();
                await db.DisposeAsync();
            }
        }
    }

    private sealed class Unlocked : IAsyncDisposable
    {
        public static readonly Unlocked Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
