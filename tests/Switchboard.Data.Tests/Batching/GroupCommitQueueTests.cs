using Switchboard.Data.Batching;

namespace Switchboard.Data.Tests.Batching;

/// <summary>When the callers of a written batch are answered: only once it is kept, and with the keeping's failure if it fails.</summary>
public sealed class GroupCommitQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CallersAreAnsweredOnlyOnceTheirBatchIsKeptAndTheWriterGoesOnMeanwhile()
    {
        var kept = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<IReadOnlyList<int>>();
        await using var queue = new GroupCommitQueue<int, int>(
            batch =>
            {
                lock (batches)
                {
                    batches.Add(batch);
                    return Task.FromResult(new WrittenBatch<int>([.. batch.Select(item => item * 10)], batches.Count == 1 ? kept.Task : Task.CompletedTask));
                }
            },
            (_, _) => { },
            maxBatch: 10);

        var first = queue.WriteAsync(1, TestContext.Current.CancellationToken);
        await WhenAsync(() =>
        {
            lock (batches)
            {
                return batches.Count == 1;
            }
        });
        var second = queue.WriteAsync(2, TestContext.Current.CancellationToken);

        Assert.Equal(20, await second.WaitAsync(Patience, TestContext.Current.CancellationToken));
        Assert.False(first.IsCompleted);
        kept.SetResult();
        Assert.Equal(10, await first.WaitAsync(Patience, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EveryCallerOfABatchThatCouldNotBeKeptGetsTheReason()
    {
        var lost = new IOException("the disk went away");
        var written = new TaskCompletionSource<WrittenBatch<int>>();
        var batches = 0;
        await using var queue = new GroupCommitQueue<int, int>(
            batch => Interlocked.Increment(ref batches) == 1 ? written.Task : Task.FromResult(new WrittenBatch<int>([.. batch], Task.FromException(lost))),
            (_, _) => { },
            maxBatch: 10);

        var holdsTheWriter = queue.WriteAsync(0, TestContext.Current.CancellationToken);
        await WhenAsync(() => Volatile.Read(ref batches) == 1);
        var callers = Enumerable.Range(1, 3).Select(item => queue.WriteAsync(item, TestContext.Current.CancellationToken)).ToList();
        written.SetResult(new WrittenBatch<int>([0], Task.CompletedTask));

        Assert.Equal(0, await holdsTheWriter.WaitAsync(Patience, TestContext.Current.CancellationToken));
        foreach (var caller in callers)
        {
            Assert.Same(lost, await Assert.ThrowsAsync<IOException>(() => caller.WaitAsync(Patience, TestContext.Current.CancellationToken)));
        }
    }

    private static async Task WhenAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
