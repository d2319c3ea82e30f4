using Microsoft.Extensions.Logging;

namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Syncs SQLite's WAL file for the append batches, one sync at a time, while the next batch is already being written:
/// a batch's senders wait for a sync that began after it committed, and every batch committed while a sync ran shares
/// the next. Writing and syncing in turn kept the write lock's holder idle for the sync's whole time, and the senders
/// queued behind it. After a failed sync none succeeds again until a restart: Linux may mark the unwritten pages clean,
/// so a later sync would report success for a WAL that lacks them, and SQLite drops every frame after a bad one.
/// </summary>
internal sealed class WalSyncs(string walPath, ILogger logger)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _next;
    private bool _syncing;
    private EventLogUnavailableException? _failed;

    /// <returns>A task that completes once a sync that begins after this call has reached the disk.</returns>
    public Task SyncedAsync()
    {
        lock (_lock)
        {
            if (_failed is not null)
            {
                return Task.FromException(_failed);
            }

            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_syncing)
            {
                _syncing = true;
                _ = Task.Run(SyncWhileAskedFor);
            }

            return _next.Task;
        }
    }

    private void SyncWhileAskedFor()
    {
        while (true)
        {
            TaskCompletionSource asked;
            lock (_lock)
            {
                if (_next is null)
                {
                    _syncing = false;
                    return;
                }

                asked = _next;
                _next = null;
            }

            // Any failure of the sync, whatever its type, leaves the commits before it unproven.
            try
            {
                SqliteWal.FlushToDisk(walPath);
            }
            catch (Exception exception)
            {
                logger.WalSyncFailed(exception, walPath);
                var failed = new EventLogUnavailableException("The event log's write-ahead log could not be synced to the disk; restart Switchboard.", exception);
                lock (_lock)
                {
                    _failed = failed;
                    _next?.TrySetException(failed);
                    _next = null;
                    _syncing = false;
                }

                asked.TrySetException(failed);
                return;
            }

            asked.TrySetResult();
        }
    }
}
