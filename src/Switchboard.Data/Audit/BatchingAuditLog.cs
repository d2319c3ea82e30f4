using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Audit;
using Switchboard.Data.Database;

namespace Switchboard.Data.Audit;

/// <summary>
/// Appends audit records in batches: callers queue a record and wait until the batch holding it is
/// committed, so the reply never outruns its audit entry, while many concurrent commands share one
/// transaction instead of queueing for the chain's head one by one.
/// </summary>
internal sealed class BatchingAuditLog(IDbContextFactory<SwitchboardDbContext> contexts, ILogger<BatchingAuditLog> logger)
    : IAuditLog, IAsyncDisposable
{
    private const int MaxBatch = 256;
    private const int MaxAttempts = 10;

    private readonly Channel<PendingRecord> _queue = Channel.CreateUnbounded<PendingRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _writer;

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var pending = new PendingRecord(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        EnsureWriterStarted();
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The audit log is shutting down and takes no more records.");
        }

        await pending.Written.Task.WaitAsync(cancellationToken);
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
        var batch = new List<PendingRecord>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (!await TryWriteAsync(batch) && batch.Count > 1)
            {
                // One record that cannot be written must not fail the commands batched beside it.
                foreach (var pending in batch)
                {
                    await TryWriteAsync([pending]);
                }
            }

            batch.Clear();
        }
    }

    private async Task<bool> TryWriteAsync(List<PendingRecord> batch)
    {
        try
        {
            await WriteBatchAsync(batch);
            batch.ForEach(p => p.Written.TrySetResult());
            return true;
        }
        catch (Exception exception)
        {
            // The writer must outlive any failure; a record that cannot be written fails its own command.
            logger.AuditBatchFailed(exception, batch.Count);
            if (batch.Count == 1)
            {
                batch[0].Written.TrySetException(exception);
            }

            return false;
        }
    }

    private async Task WriteBatchAsync(List<PendingRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var head = await db.Set<AuditEntry>()
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync();
            var sequence = head?.Sequence ?? 0;
            var previousHash = head?.Hash ?? AuditChain.GenesisHash;
            foreach (var pending in batch)
            {
                var entry = AuditChain.Link(pending.Record, ++sequence, previousHash);
                db.Add(entry);
                previousHash = entry.Hash;
            }

            try
            {
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return;
            }
            catch (DbUpdateException exception) when (exception.IsUniqueViolation() && attempt < MaxAttempts)
            {
                logger.AuditHeadMoved(attempt);
            }
        }
    }

    private sealed record PendingRecord(AuditRecord Record, TaskCompletionSource Written);
}
