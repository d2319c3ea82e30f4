using System.Threading.Channels;

namespace Switchboard.Data.Batching;

/// <summary>
/// Group commit: callers queue an item and wait until the batch holding it is written, so many
/// concurrent writers share one transaction (and one fsync) instead of queueing for it one by one.
/// One writer task writes the batches; a batch that fails is retried item by item, so one item that
/// cannot be written fails only its own caller. Callers are answered once their batch is kept, each woken once,
/// while the writer goes on with the next batch.
/// </summary>
/// <param name="writeBatch">Writes the items in one transaction and returns one result per item, in order, and when they are kept.</param>
/// <param name="batchFailed">Told of every failed write, with the batch's size.</param>
public sealed class GroupCommitQueue<TItem, TResult>(
    Func<IReadOnlyList<TItem>, Task<WrittenBatch<TResult>>> writeBatch,
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
        WrittenBatch<TResult> written;
        try
        {
            written = await writeBatch(batch.ConvertAll(p => p.Item));
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

        if (written.Kept.IsCompletedSuccessfully)
        {
            Answer(batch, written);
        }
        else
        {
            var waiting = batch.ToArray();
            _ = written.Kept.ContinueWith(_ => Answer(waiting, written), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return true;
    }

    private static void Answer(IReadOnlyList<Pending> batch, WrittenBatch<TResult> written)
    {
        var failed = written.Kept.IsCompletedSuccessfully ? null : written.Kept.Exception?.InnerExceptions ?? [new TaskCanceledException(written.Kept)];
        for (var i = 0; i < batch.Count; i++)
        {
            if (failed is null)
            {
                batch[i].Done.TrySetResult(written.Results[i]);
            }
            else
            {
                batch[i].Done.TrySetException(failed);
            }
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Done);
}

/// <param name="Results">One per item, in order.</param>
/// <param name="Kept">
/// Completes once the batch is as safe as its callers are told it is (on the disk, say, when its commit only wrote it);
/// a failure here fails every caller of the batch.
/// </param>
public sealed record WrittenBatch<TResult>(IReadOnlyList<TResult> Results, Task Kept);
