using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchboard.Delivery.Outbox;

/// <summary>
/// Wakes this process's dispatcher the moment enqueued work becomes visible to it: at once when it was
/// saved on its own, or when the caller's transaction commits (the event consumer's, which also commits
/// its checkpoint). Waking earlier would find nothing; polling would cost a second of latency.
/// </summary>
public sealed class OutboxSignal : DbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Action>> _uncommitted = [];
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next wake.</summary>
    internal Task NextAsync() => Volatile.Read(ref _next).Task;

    internal void Wake() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Runs once what this context has saved is committed: at once outside a transaction, never after a rollback.</summary>
    internal void AfterCommit(DbContext db, Action action)
    {
        if (db.Database.CurrentTransaction is null)
        {
            action();
            return;
        }

        var actions = _uncommitted.GetOrCreateValue(db);
        if (!actions.Contains(action))
        {
            actions.Add(action);
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _uncommitted.TryGetValue(context, out var actions) && _uncommitted.Remove(context))
        {
            actions.ForEach(action => action());
        }
    }

    private void RolledBack(DbContext? context)
    {
        if (context is not null)
        {
            _uncommitted.Remove(context);
        }
    }
}
