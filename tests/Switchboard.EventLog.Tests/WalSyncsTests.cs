using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.EventLog.Embedded;

namespace Switchboard.EventLog.Tests;

/// <summary>The WAL syncs that stand between an append's commit and its sender's answer, against real files.</summary>
public sealed class WalSyncsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("switchboard-walsyncs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ASyncOfTheWalCompletesEveryCallerWaitingForIt()
    {
        var wal = Path.Combine(_directory, "switchboard.db-wal");
        await File.WriteAllBytesAsync(wal, [1, 2, 3], TestContext.Current.CancellationToken);
        var syncs = new WalSyncs(wal, NullLogger.Instance);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => syncs.SyncedAsync())).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    /// <summary>Linux may mark unwritten pages clean after a failed sync, so a later one that succeeds would prove nothing.</summary>
    [Fact]
    public async Task AfterASyncFailsNoLaterAppendIsAnsweredAsKept()
    {
        var wal = Path.Combine(_directory, "gone", "switchboard.db-wal");
        var syncs = new WalSyncs(wal, NullLogger.Instance);

        var first = await Assert.ThrowsAsync<EventLogUnavailableException>(() => syncs.SyncedAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Directory.CreateDirectory(Path.GetDirectoryName(wal)!);
        await File.WriteAllBytesAsync(wal, [1, 2, 3], TestContext.Current.CancellationToken);
        var later = await Assert.ThrowsAsync<EventLogUnavailableException>(() => syncs.SyncedAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.IsType<DirectoryNotFoundException>(first.InnerException);
        Assert.Same(first, later);
    }
}
