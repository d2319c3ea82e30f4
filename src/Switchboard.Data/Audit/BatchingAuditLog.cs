using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Audit;
using Switchboard.Data.Audit.PublishAuditHead;
using Switchboard.Data.Batching;
using Switchboard.Data.Database;

namespace Switchboard.Data.Audit;

/// <summary>
/// Appends audit records in batches: callers wait until the batch holding their record is committed,
/// so the reply never outruns its audit entry, while many concurrent commands share one transaction
/// instead of queueing for the chain's head one by one.
/// </summary>
internal sealed class BatchingAuditLog : IAuditLog, IAsyncDisposable
{
    private const int MaxBatch = 256;
    private const int MaxAttempts = 10;

    private readonly IDbContextFactory<SwitchboardDbContext> _contexts;
    private readonly AuditHeadPublisher _head;
    private readonly ILogger<BatchingAuditLog> _logger;
    private readonly GroupCommitQueue<AuditRecord, bool> _queue;

    public BatchingAuditLog(IDbContextFactory<SwitchboardDbContext> contexts, AuditHeadPublisher head, ILogger<BatchingAuditLog> logger)
    {
        _contexts = contexts;
        _head = head;
        _logger = logger;
        _queue = new GroupCommitQueue<AuditRecord, bool>(WriteBatchAsync, (exception, count) => logger.AuditBatchFailed(exception, count), MaxBatch);
    }

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) => _queue.WriteAsync(record, cancellationToken);

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task<WrittenBatch<bool>> WriteBatchAsync(IReadOnlyList<AuditRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await _contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var head = await db.Set<AuditEntry>()
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync();
            var before = new AuditHead(head?.Sequence ?? 0, head?.Hash ?? AuditChain.GenesisHash);
            var sequence = before.Sequence;
            var previousHash = before.Hash;
            foreach (var record in batch)
            {
                var entry = AuditChain.Link(record, ++sequence, previousHash);
                db.Add(entry);
                previousHash = entry.Hash;
            }

            try
            {
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                _head.Publish(before, new AuditHead(sequence, previousHash));
                return new WrittenBatch<bool>([.. batch.Select(_ => true)], Task.CompletedTask);
            }
            catch (DbUpdateException exception) when (exception.IsUniqueViolation() && attempt < MaxAttempts)
            {
                _logger.AuditHeadMoved(attempt);
            }
        }
    }
}
