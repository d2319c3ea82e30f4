namespace Switchboard.EventLog.Embedded;

/// <summary>
/// Syncs SQLite's WAL file for the append batches, one sync at a time, while the next batch is already being written:
/// a batch's senders wait for a sync that began after it committed, and every batch committed while a sync ran shares
/// the next. Writing and syncing in turn kept the write lock's holder idle for the sync's whole time, and the senders
/// queued behind it.
/// </summary>
internal sealed class WalSyncs(string walPath)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _next;
    private bool _syncing;

    /// <returns>A task that completes once a sync that begins after this call has reached the disk.</returns>
    public Task SyncedAsync()
    {
        lock (_lock)
        {
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

            try
            {
                SqliteWal.FlushToDisk(walPath);
                asked.SetResult();
            }
            catch (Exception exception)
            {
                asked.SetException(new EventLogUnavailableException("The event log's write-ahead log could not be synced to the disk.", exception));
            }
        }
    }
}
