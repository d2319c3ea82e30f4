using System.Threading.Channels;

namespace Switchboard.Data.Batching;

/// <summary>
/// Group commit: callers queue an item and wait until the batch holding it is written, so many
/// concurrent writers share one transaction (and one fsync) instead of queueing for it one by one.
/// One writer task writes the batches; a batch that fails is retried item by item, so one item that
/// cannot be written fails only its own caller.
/// </summary>
/// <param name="writeBatch">Writes the items in one transaction and returns one result per item, in order.</param>
/// <param name="batchFailed">Told of every failed write, with the batch's size.</param>
public sealed class GroupCommitQueue<TItem, TResult>(
    Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> writeBatch,
    Action<Exception, int> batchFailed,
    int maxBatch) : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _writer;

    /// <summary>Queues the item and waits for its batch; once queued it is written even if the caller stops waiting.</summary>
    public async Task<TResult> WriteAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        EnsureWriterStarted();
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The writer is shutting down and takes no more items.");
        }

        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }
    }

    private void EnsureWriterStarted()
    {
        if (_writer is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _writer ??= Task.Run(WriteUntilClosedAsync);
        }
    }

    private async Task WriteUntilClosedAsync()
    {
        var batch = new List<Pending>(maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (!await TryWriteAsync(batch) && batch.Count > 1)
            {
                foreach (var pending in batch)
                {
                    await TryWriteAsync([pending]);
                }
            }

            batch.Clear();
        }
    }

    private async Task<bool> TryWriteAsync(List<Pending> batch)
    {
        try
        {
            var results = await writeBatch(batch.ConvertAll(p => p.Item));
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }

            return true;
        }
        catch (Exception exception)
        {
            // The writer must outlive any failure; an item that cannot be written fails its own caller.
            batchFailed(exception, batch.Count);
            if (batch.Count == 1)
            {
                batch[0].Done.TrySetException(exception);
            }

            return false;
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Done);
}
