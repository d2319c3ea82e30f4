using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Switchboard.EventLog.Embedded;
using Switchboard.Testing;

namespace Switchboard.EventLog.Tests;

/// <summary>
/// What the event log promises on every engine: durable appends, each event's effects kept once however
/// often it is delivered, events with one ordering key handled in order, failures dead-lettered, every
/// event kept where operators browse the log.
/// </summary>
public abstract class EventLogContract
{
    protected const int Timeout = 60_000;

    /// <summary>Whether an append of a dedupe key already in the log answers <see cref="AppendOutcome.Duplicate"/>; Kafka cannot tell.</summary>
    protected virtual bool RefusesRepeatsWhenAppending => true;

    [Fact(Timeout = Timeout)]
    public async Task AnAppendedEventIsHandledOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken);

        var outcome = await rig.Log.AppendAsync(EventLogRig.Event("a"), cancellationToken);

        Assert.Equal(AppendOutcome.Appended, outcome);
        Assert.Equal(["a"], await rig.HandledWhenAsync(1, cancellationToken));
    }

    [Fact(Timeout = Timeout)]
    public async Task ARedeliveryIsNotHandledAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken);

        var first = await rig.Log.AppendAsync(EventLogRig.Event("delivery-1"), cancellationToken);
        var again = await rig.Log.AppendAsync(EventLogRig.Event("delivery-1"), cancellationToken);
        var otherSource = await rig.Log.AppendAsync(EventLogRig.Event("delivery-1", source: "other"), cancellationToken);

        var repeat = RefusesRepeatsWhenAppending ? AppendOutcome.Duplicate : AppendOutcome.Appended;
        Assert.Equal((AppendOutcome.Appended, repeat, AppendOutcome.Appended), (first, again, otherSource));
        Assert.Equal(2, (await rig.HandledWhenAsync(2, cancellationToken)).Count);
    }

    /// <summary>The embedded engine stores bodies compressed when that makes them smaller; handlers never see the difference.</summary>
    [Fact(Timeout = Timeout)]
    public async Task AHandlerIsHandedTheBodyByteForByteAsItWasAppended()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken);
        var bodies = new Dictionary<string, byte[]>
        {
            ["json"] = Encoding.UTF8.GetBytes($"[{string.Join(",", Enumerable.Range(0, 500).Select(i => $"{{\"number\":{i},\"label\":\"bug\"}}"))}]"),
            ["noise"] = RandomNumberGenerator.GetBytes(16 * 1024),
            ["short"] = [0x7b, 0x7d],
            ["empty"] = [],
        };

        foreach (var (key, body) in bodies)
        {
            await rig.Log.AppendAsync(EventLogRig.Event(key, body: body), cancellationToken);
        }

        await rig.HandledWhenAsync(bodies.Count, cancellationToken);
        Assert.Equal(
            bodies.ToDictionary(b => b.Key, b => Convert.ToHexString(SHA256.HashData(b.Value))),
            await rig.HandledBodiesAsync(cancellationToken));
    }

    [Fact(Timeout = Timeout)]
    public async Task ManyConcurrentAppendsWithRepeatsAreEachHandledExactlyOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken);
        var keys = Enumerable.Range(0, 150).Select(i => $"burst-{i % 100:D3}").ToList();

        var outcomes = await Task.WhenAll(keys.Select(key => rig.Log.AppendAsync(EventLogRig.Event(key), cancellationToken)));

        Assert.Equal(RefusesRepeatsWhenAppending ? 100 : 150, outcomes.Count(o => o == AppendOutcome.Appended));
        var handled = await rig.HandledWhenAsync(100, cancellationToken);
        Assert.Equal(keys.Distinct().Order(StringComparer.Ordinal), handled.Order(StringComparer.Ordinal));
        Assert.Empty(await rig.DeadLettersAsync(cancellationToken));
    }

    [Fact(Timeout = Timeout)]
    public async Task EventsWithOneOrderingKeyAreHandledInTheOrderTheyWereAppended()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken);
        var keys = Enumerable.Range(0, 20).Select(i => $"ordered-{i:D2}").ToList();

        foreach (var key in keys)
        {
            await rig.Log.AppendAsync(EventLogRig.Event(key, orderingKey: "Codertocat/Hello-World"), cancellationToken);
        }

        Assert.Equal(keys, await rig.HandledWhenAsync(keys.Count, cancellationToken));
    }

    /// <summary>Slack's and PagerDuty's consumers want only their own sources' events, out of a log full of GitHub's.</summary>
    [Fact(Timeout = Timeout)]
    public async Task AConsumerThatWantsSomeSourcesIsHandedOnlyTheirsAndPassesTheOthersForGood()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using (var rig = await EventLogRig.StartAsync(log, cancellationToken, wantedSources: ["wanted"]))
        {
            foreach (var (key, source) in new[] { ("w-1", "wanted"), ("o-1", "other"), ("w-2", "wanted"), ("o-2", "other"), ("o-3", "other") })
            {
                await rig.Log.AppendAsync(EventLogRig.Event(key, source, orderingKey: "repo"), cancellationToken);
            }

            Assert.Equal(["w-1", "w-2"], await rig.HandledWhenAsync(2, cancellationToken));
        }

        await using var everything = await EventLogRig.StartAsync(log, cancellationToken);
        await everything.Log.AppendAsync(EventLogRig.Event("o-4", "other", orderingKey: "repo"), cancellationToken);

        Assert.Equal(["w-1", "w-2", "o-4"], await everything.HandledWhenAsync(3, cancellationToken));
    }

    [Fact(Timeout = Timeout)]
    public async Task TheLogSaysWhichDedupeKeysOfASourceItHolds()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("kept-1", orderingKey: "repo"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("kept-2", orderingKey: "repo"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("other-source", source: "other", orderingKey: "repo"), cancellationToken);
        await rig.KeptWhenAsync(3, cancellationToken);
        var asked = Enumerable.Range(0, 1200).Select(i => $"missing-{i}").Concat(["kept-1", "kept-2", "other-source", "kept-1"]).ToList();

        var found = await rig.Keys.FindAsync("test", asked, cancellationToken);

        Assert.Equal(["kept-1", "kept-2"], found.Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = Timeout)]
    public async Task OperatorsFindEventsByTheirSourceAndDedupeKey()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("kept-1"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("kept-2"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("elsewhere", source: "other"), cancellationToken);
        await rig.KeptWhenAsync(3, cancellationToken);

        var found = await rig.BrowsedAsync(
            [new("test", "kept-1"), new("test", "kept-2"), new("test", "elsewhere"), new("other", "kept-1"), new("test", "never-sent")], cancellationToken);

        Assert.Equal(["kept-1", "kept-2"], found);
    }

    [Fact(Timeout = Timeout)]
    public async Task AnEventThatKeepsFailingIsDeadLetteredAndTheNextOnesAreStillHandled()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken);
        rig.FailEventsStartingWith("poison");

        await rig.Log.AppendAsync(EventLogRig.Event("before", orderingKey: "repo"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("poison-1", orderingKey: "repo"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("after", orderingKey: "repo"), cancellationToken);

        Assert.Equal(["before", "after"], await rig.HandledWhenAsync(2, cancellationToken));
        Assert.Equal(["InvalidOperationException: cannot handle poison-1"], await rig.DeadLettersAsync(cancellationToken));
    }

    /// <summary>Events that waited for a consumer are read a page at a time; one that fails must not take its page with it.</summary>
    [Fact(Timeout = Timeout)]
    public async Task AFailingEventAmongManyWaitingOnesIsDeadLetteredAloneAndTheOthersAreHandledOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        string[] waiting = ["first", "second", "poison-1", "third", "fourth"];
        await using (var appender = await EventLogRig.StartAsync(log, cancellationToken, consume: false))
        {
            foreach (var key in waiting)
            {
                await appender.Log.AppendAsync(EventLogRig.Event(key, orderingKey: "repo"), cancellationToken);
            }
        }

        await using var consumer = await EventLogRig.StartAsync(log, cancellationToken, failing: "poison");

        Assert.Equal(["first", "second", "third", "fourth"], await consumer.HandledWhenAsync(4, cancellationToken));
        Assert.Equal(["InvalidOperationException: cannot handle poison-1"], await consumer.DeadLettersAsync(cancellationToken));
    }

    [Fact(Timeout = Timeout)]
    public async Task ARedeliveryAfterARestartIsNotHandledAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using (var first = await EventLogRig.StartAsync(log, cancellationToken))
        {
            await first.Log.AppendAsync(EventLogRig.Event("delivery-1"), cancellationToken);
            await first.HandledWhenAsync(1, cancellationToken);
        }

        await using var second = await EventLogRig.StartAsync(log, cancellationToken);
        var again = await second.Log.AppendAsync(EventLogRig.Event("delivery-1"), cancellationToken);
        await second.Log.AppendAsync(EventLogRig.Event("delivery-2"), cancellationToken);

        Assert.Equal(RefusesRepeatsWhenAppending ? AppendOutcome.Duplicate : AppendOutcome.Appended, again);
        Assert.Equal(["delivery-1", "delivery-2"], await second.HandledWhenAsync(2, cancellationToken));
    }

    [Fact(Timeout = Timeout)]
    public async Task ARestartedConsumerResumesWhereItStopped()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using (var first = await EventLogRig.StartAsync(log, cancellationToken))
        {
            await first.Log.AppendAsync(EventLogRig.Event("one", orderingKey: "repo"), cancellationToken);
            await first.HandledWhenAsync(1, cancellationToken);
        }

        await using var second = await EventLogRig.StartAsync(log, cancellationToken);
        await second.Log.AppendAsync(EventLogRig.Event("two", orderingKey: "repo"), cancellationToken);

        Assert.Equal(["one", "two"], await second.HandledWhenAsync(2, cancellationToken));
    }

    [Fact(Timeout = Timeout)]
    public async Task EveryEventIsKeptOnceWhereOperatorsBrowseTheLog()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken);

        await rig.Log.AppendAsync(EventLogRig.Event("kept-1", orderingKey: "repo"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("kept-2", orderingKey: "repo"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("kept-1", orderingKey: "repo"), cancellationToken);

        Assert.Equal(["kept-1", "kept-2"], await rig.KeptWhenAsync(2, cancellationToken));
    }

    /// <summary>The rig's events were received days ago, so with a retention of a day each goes once every consumer is past it.</summary>
    [Fact(Timeout = Timeout)]
    public async Task EventsPastTheRetentionGoOnceHandledButADeadLetterAndTheNewestStay()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken, failing: "poison", retentionDays: 1);
        foreach (var key in (string[])["old-1", "poison-1", "old-2", "newest"])
        {
            await rig.Log.AppendAsync(EventLogRig.Event(key, orderingKey: "repo"), cancellationToken);
        }

        await rig.HandledWhenAsync(3, cancellationToken);
        await rig.KeptWhenAsync(4, cancellationToken);
        var kept = await PruneUntilAsync(rig, 2, cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("after-pruning", orderingKey: "repo"), cancellationToken);
        var handled = await rig.HandledAtWhenAsync(4, cancellationToken);

        Assert.Equal(["poison-1", "newest"], kept);
        Assert.Equal(["old-1", "old-2", "newest", "after-pruning"], handled.Select(e => e.DedupeKey));
        Assert.True(handled[3].Position > handled[2].Position, "Positions went on from the newest event kept.");
        Assert.Equal(["poison-1", "newest", "after-pruning"], await rig.KeptWhenAsync(3, cancellationToken));
    }

    /// <summary>On the embedded engine the log is what consumers read: an event goes only once every one of them has handled it.</summary>
    protected async Task AnEventNotYetHandledIsKeptHoweverOldAsync(CancellationToken cancellationToken)
    {
        var log = await CreateLogAsync();
        await using (var consumer = await EventLogRig.StartAsync(log, cancellationToken, retentionDays: 1))
        {
            await consumer.Log.AppendAsync(EventLogRig.Event("handled"), cancellationToken);
            await consumer.HandledWhenAsync(1, cancellationToken);
        }

        await using var appender = await EventLogRig.StartAsync(log, cancellationToken, consume: false, retentionDays: 1);
        foreach (var key in (string[])["waiting-1", "waiting-2", "waiting-3"])
        {
            await appender.Log.AppendAsync(EventLogRig.Event(key), cancellationToken);
        }

        // Old enough, the events are only kept for being unhandled.
        await appender.Retention.PruneAsync(cancellationToken);

        Assert.Equal(["waiting-1", "waiting-2", "waiting-3"], (await appender.KeptAsync(cancellationToken)).Where(k => k.StartsWith("waiting", StringComparison.Ordinal)));
    }

    /// <summary>Prunes until this many events are kept: the consumers that pass the test's source by move at their own pace.</summary>
    private static async Task<IReadOnlyList<string>> PruneUntilAsync(EventLogRig rig, int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            await rig.Retention.PruneAsync(deadline.Token);
            var kept = await rig.KeptAsync(deadline.Token);
            if (kept.Count <= count)
            {
                return kept;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    protected abstract Task<EventLogSetup> CreateLogAsync();
}

public sealed class EventLogOnSqliteTests : EventLogContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("switchboard-eventlog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact(Timeout = Timeout)]
    public Task AnEventNotYetHandledIsKeptHoweverOld() => AnEventNotYetHandledIsKeptHoweverOldAsync(TestContext.Current.CancellationToken);

    /// <summary>
    /// Appends leave copying the WAL into the database to the checkpointer, which must also let SQLite start the file
    /// over while events keep coming; otherwise the file grows by everything ever appended.
    /// </summary>
    [Fact(Timeout = Timeout)]
    public async Task TheWriteAheadLogIsStartedOverWhileEventsKeepComing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using var rig = await EventLogRig.StartAsync(log, cancellationToken);
        // Noise, which no compression makes smaller.
        var body = RandomNumberGenerator.GetBytes(16 * 1024);
        // The WAL's peak follows the rate and the checkpointer's pace, not the total: a run of a few checkpoints reached half on a busy machine.
        const int Rounds = 500, Concurrent = 10;

        for (var round = 0; round < Rounds; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i =>
                rig.Log.AppendAsync(EventLogRig.Event($"wal-{round}-{i}", body: body), cancellationToken)));
        }

        var appended = (long)Rounds * Concurrent * body.Length;
        var wal = new FileInfo(new SqliteConnectionStringBuilder(log.ConnectionString).DataSource + "-wal");
        Assert.InRange(wal.Length, 0, appended / 2);
    }

    /// <summary>The appender holds each event's key hash in memory; a dropped event's goes too, or the memory would only grow.</summary>
    [Fact(Timeout = Timeout)]
    public async Task TheAppenderForgetsTheKeysOfDroppedEvents()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(await CreateLogAsync(), cancellationToken, retentionDays: 1);
        await rig.Log.AppendAsync(EventLogRig.Event("dropped"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("newest"), cancellationToken);
        await rig.HandledWhenAsync(2, cancellationToken);
        var hash = LoggedKeys.HashOf("test", "dropped");
        var heldBefore = rig.LoggedKeys.IdsWithHash(hash).Count();

        var deadline = Stopwatch.StartNew();
        while ((await rig.KeptAsync(cancellationToken)).Contains("dropped") && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await rig.Retention.PruneAsync(cancellationToken);
            await Task.Delay(100, cancellationToken);
        }

        // The appender forgets at its next batch, where no other thread looks the hashes up.
        await rig.Log.AppendAsync(EventLogRig.Event("after-dropping"), cancellationToken);

        Assert.Equal(1, heldBefore);
        Assert.DoesNotContain("dropped", await rig.KeptAsync(cancellationToken));
        Assert.Empty(rig.LoggedKeys.IdsWithHash(hash));
    }

    /// <summary>
    /// Consumers catching up a backlog write to the WAL with no append to wake the checkpointer; left alone after a burst
    /// they grew it by gigabytes. What they write reaches the database file without another event coming.
    /// </summary>
    [Fact(Timeout = Timeout)]
    public async Task WhatConsumersWriteWhileNoEventsComeReachesTheDatabaseFile()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        const int Backlog = 2000;
        await using (var appender = await EventLogRig.StartAsync(log, cancellationToken, consume: false))
        {
            await Task.WhenAll(Enumerable.Range(0, Backlog).Select(i => appender.Log.AppendAsync(EventLogRig.Event($"backlog-{i}"), cancellationToken)));
        }

        // The appender's last connection closed: SQLite copied its WAL into the file and removed it.
        var database = new FileInfo(new SqliteConnectionStringBuilder(log.ConnectionString).DataSource);
        var before = database.Length;
        await using var consumer = await EventLogRig.StartAsync(log, cancellationToken);
        await consumer.HandledWhenAsync(Backlog, cancellationToken);
        var waited = Stopwatch.StartNew();
        while (database.Length <= before && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, cancellationToken);
            database.Refresh();
        }

        Assert.True(database.Length > before, $"The database file stayed at {before} bytes while the consumer's writes stayed in the WAL.");
    }

    /// <summary>Earlier versions stored bodies zlib-compressed; after an upgrade those events are still handed over as received.</summary>
    [Fact(Timeout = Timeout)]
    public async Task ABodyAnEarlierVersionStoredWithZlibIsHandedOverAsReceived()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using var rig = await EventLogRig.StartAsync(log, cancellationToken);
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"action\":\"opened\",\"label\":\"bug\"}", 100)));
        using var compressed = new MemoryStream();
        await using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await zlib.WriteAsync(body, cancellationToken);
        }

        await using (var earlier = new SqliteConnection(log.ConnectionString))
        {
            await earlier.OpenAsync(cancellationToken);
            await using var insert = new SqliteCommand(
                """
                INSERT INTO event_log_entries (source, dedupe_key, type, headers_json, body, body_encoding, received_at, position)
                VALUES ('test', 'stored-with-zlib', 'test.event', '{"X-Test":"stored-with-zlib"}', $body, 'zlib', $receivedAt,
                        (SELECT COALESCE(MAX(position), 0) + 1 FROM event_log_entries))
                """,
                earlier);
            insert.Parameters.AddWithValue("$body", compressed.ToArray());
            insert.Parameters.AddWithValue("$receivedAt", EventLogRig.ReceivedAt.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await rig.HandledWhenAsync(1, cancellationToken);
        Assert.Equal(
            new Dictionary<string, string> { ["stored-with-zlib"] = Convert.ToHexString(SHA256.HashData(body)) },
            await rig.HandledBodiesAsync(cancellationToken));
    }

    /// <summary>Rows stored before keys were hashed are found by the unique index on their keys, and still refuse repeats.</summary>
    [Fact(Timeout = Timeout)]
    public async Task AKeyStoredBeforeKeysWereHashedIsNotAppendedAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using (await EventLogRig.StartAsync(log, cancellationToken, consume: false))
        {
            // Started once for its migrations; the row is there before the next start, as after an upgrade.
        }

        await InsertRowAsync(log, "stored-unhashed", keyHash: null, cancellationToken);
        await using var rig = await EventLogRig.StartAsync(log, cancellationToken);

        var repeat = await rig.Log.AppendAsync(EventLogRig.Event("stored-unhashed"), cancellationToken);
        var fresh = await rig.Log.AppendAsync(EventLogRig.Event("appended-hashed"), cancellationToken);

        Assert.Equal((AppendOutcome.Duplicate, AppendOutcome.Appended), (repeat, fresh));
        Assert.Equal(
            ["appended-hashed", "stored-unhashed"],
            (await rig.Keys.FindAsync("test", ["stored-unhashed", "appended-hashed", "never-sent"], cancellationToken)).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["appended-hashed", "stored-unhashed"],
            await rig.BrowsedAsync([new("test", "stored-unhashed"), new("test", "appended-hashed"), new("other", "stored-unhashed")], cancellationToken));
    }

    /// <summary>Each process holds the keys in memory; what another process appended to the same file since is read in the append's transaction.</summary>
    [Fact(Timeout = Timeout)]
    public async Task AKeyAnotherProcessAppendedIsNotAppendedAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using var one = await EventLogRig.StartAsync(log, cancellationToken, consume: false);
        await using var other = await EventLogRig.StartAsync(log, cancellationToken, consume: false);
        await one.Log.AppendAsync(EventLogRig.Event("first"), cancellationToken);

        var byOther = await other.Log.AppendAsync(EventLogRig.Event("shared"), cancellationToken);
        var byOne = await one.Log.AppendAsync(EventLogRig.Event("shared"), cancellationToken);

        Assert.Equal((AppendOutcome.Appended, AppendOutcome.Duplicate), (byOther, byOne));
    }

    /// <summary>
    /// A hash only finds rows, so two keys that share one are both kept, once each. No two keys with one 64-bit hash
    /// are known, so a row is stored with the hash of a key that is not its own, as such a key would be.
    /// </summary>
    [Fact(Timeout = Timeout)]
    public async Task TwoKeysWithOneHashAreEachAppendedOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using (var rig = await EventLogRig.StartAsync(log, cancellationToken))
        {
            await InsertRowAsync(log, "colliding", keyHash: LoggedKeys.HashOf("test", "hashed-alike"), cancellationToken);

            var first = await rig.Log.AppendAsync(EventLogRig.Event("hashed-alike"), cancellationToken);
            var again = await rig.Log.AppendAsync(EventLogRig.Event("hashed-alike"), cancellationToken);

            Assert.Equal((AppendOutcome.Appended, AppendOutcome.Duplicate), (first, again));
        }

        await using var restarted = await EventLogRig.StartAsync(log, cancellationToken);
        var afterRestart = await restarted.Log.AppendAsync(EventLogRig.Event("hashed-alike"), cancellationToken);

        Assert.Equal(AppendOutcome.Duplicate, afterRestart);
        Assert.Equal(["colliding", "hashed-alike"], await restarted.HandledWhenAsync(2, cancellationToken));
    }

    /// <summary>A read of the hashes that failed is started again by the next caller; kept failed, it would fail every append.</summary>
    [Fact(Timeout = Timeout)]
    public async Task AFailedReadOfTheHashesIsTriedAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using var rig = await EventLogRig.StartAsync(log, cancellationToken, consume: false);
        await rig.Log.AppendAsync(EventLogRig.Event("kept"), cancellationToken);
        var keys = new LoggedKeys(rig.Contexts);

        await ExecuteAsync(log, "DROP INDEX ix_event_log_entries_id_key_hash", cancellationToken);
        await Assert.ThrowsAsync<SqliteException>(keys.ReadLogAsync);
        await ExecuteAsync(log, "CREATE INDEX ix_event_log_entries_id_key_hash ON event_log_entries (id, key_hash) WHERE key_hash IS NOT NULL", cancellationToken);
        await keys.ReadLogAsync();

        Assert.NotEmpty(keys.IdsWithHash(LoggedKeys.HashOf("test", "kept")));
    }

    private static async Task ExecuteAsync(EventLogSetup log, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(log.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts a row as another writer would, after the rig's migrations.</summary>
    private static async Task InsertRowAsync(EventLogSetup log, string dedupeKey, long? keyHash, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(log.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var insert = new SqliteCommand(
            """
            INSERT INTO event_log_entries (source, dedupe_key, type, headers_json, body, received_at, key_hash, position)
            VALUES ('test', $key, 'test.event', json_object('X-Test', $key), x'7b7d', $receivedAt, $keyHash, (SELECT COALESCE(MAX(position), 0) + 1 FROM event_log_entries))
            """,
            connection);
        insert.Parameters.AddWithValue("$key", dedupeKey);
        insert.Parameters.AddWithValue("$receivedAt", EventLogRig.ReceivedAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$keyHash", (object?)keyHash ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override Task<EventLogSetup> CreateLogAsync() => Task.FromResult(new EventLogSetup(
        "Sqlite", $"Data Source={Path.Combine(_directory, $"{Guid.NewGuid():N}.db")};Pooling=True;Default Timeout=30", new Dictionary<string, string>()));
}

public sealed class EventLogOnPostgresTests(PostgresServer server) : EventLogContract
{
    [Fact(Timeout = Timeout)]
    public Task AnEventNotYetHandledIsKeptHoweverOld() => AnEventNotYetHandledIsKeptHoweverOldAsync(TestContext.Current.CancellationToken);

    /// <summary>
    /// Ids are drawn when a row is inserted, not when it commits: without the appenders' turns, an event inserted first
    /// but committed last would have the lower id, and a consumer already past a higher one would skip it. Here another
    /// process is slow to commit inside its turn: the append after it waits, and both are handled, the late one first.
    /// </summary>
    [Fact(Timeout = Timeout)]
    public async Task AnEventThatCommitsLateIsHandledNotSkipped()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using var rig = await EventLogRig.StartAsync(log, cancellationToken);
        await using var slowWriter = new NpgsqlConnection(log.ConnectionString);
        await slowWriter.OpenAsync(cancellationToken);
        await using var slowTransaction = await slowWriter.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            $$"""
            {{PostgresEventRows.TakeTurn}};
            INSERT INTO event_log_entries (id, position, source, dedupe_key, type, headers_json, body, received_at)
            SELECT id, id, 'test', 'late', 'test.event', '{"X-Test":"late"}', '\x01', '2026-11-25T09:30:15.250Z'
            FROM (SELECT nextval('event_log_entries_id_seq') AS id) AS drawn
            """,
            slowWriter,
            slowTransaction))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var early = rig.Log.AppendAsync(EventLogRig.Event("early"), cancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        Assert.False(early.IsCompleted, "An append went ahead while another process's turn was not over.");
        Assert.Empty(await rig.HandledAsync(cancellationToken));
        await slowTransaction.CommitAsync(cancellationToken);

        Assert.Equal(AppendOutcome.Appended, await early);
        Assert.Equal(["late", "early"], await rig.HandledWhenAsync(2, cancellationToken));
    }

    /// <summary>Processes that only append (<c>--role web</c>) take turns with each other: every event is handled once.</summary>
    [Fact(Timeout = Timeout)]
    public async Task EventsThatSeveralProcessesAppendAtOnceAreEachHandledOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using var consumer = await EventLogRig.StartAsync(log, cancellationToken);
        await using var first = await EventLogRig.StartAsync(log, cancellationToken, consume: false);
        await using var second = await EventLogRig.StartAsync(log, cancellationToken, consume: false);
        var keys = Enumerable.Range(0, 300).Select(i => $"web-{i:D3}").ToList();

        await Task.WhenAll(keys.Select((key, i) => (i % 2 == 0 ? first : second).Log.AppendAsync(EventLogRig.Event(key), cancellationToken)));

        Assert.Equal(keys, (await consumer.HandledWhenAsync(keys.Count, cancellationToken)).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// An earlier version gave positions after the commit, so an upgrade can find rows still waiting for one, and
    /// positions beyond the ids (those of the Kafka engine's archive): the migration positions the first after every
    /// other, and draws the next ids past the second, so a consumer past them all still meets every new event.
    /// </summary>
    [Fact(Timeout = Timeout)]
    public async Task RowsAnEarlierVersionLeftWithoutPositionsAreHandledAfterTheUpgradeAndBeforeNewEvents()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using (var earlier = await EventLogRig.StartAsync(log, cancellationToken, consume: false))
        await using (var db = await earlier.Contexts.CreateDbContextAsync(cancellationToken))
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261127103854_EventHandledKeysByAge", cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO event_log_entries (source, dedupe_key, type, headers_json, body, received_at, position)
                VALUES ('test', 'positioned', 'test.event', '{{"X-Test":"positioned"}}', '\x01', '2026-11-25T09:30:15.250Z', 5000000000000000),
                       ('test', 'waiting-1', 'test.event', '{{"X-Test":"waiting-1"}}', '\x01', '2026-11-25T09:30:15.250Z', NULL),
                       ('test', 'waiting-2', 'test.event', '{{"X-Test":"waiting-2"}}', '\x01', '2026-11-25T09:30:15.250Z', NULL)
                """,
                cancellationToken);
            await migrator.MigrateAsync(cancellationToken: cancellationToken);
        }

        await using var rig = await EventLogRig.StartAsync(log, cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("after-upgrade"), cancellationToken);

        Assert.Equal(["positioned", "waiting-1", "waiting-2", "after-upgrade"], await rig.HandledWhenAsync(4, cancellationToken));
    }

    /// <summary>The appends hold one connection between batches; a server that ended it must cost no sender an error.</summary>
    [Fact(Timeout = Timeout)]
    public async Task AnAppendAfterTheServerEndedTheHeldConnectionIsKept()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var log = await CreateLogAsync();
        await using var rig = await EventLogRig.StartAsync(log, cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("before"), cancellationToken);

        await using (var admin = new NpgsqlConnection(log.ConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
            Assert.True((long)(await terminate.ExecuteScalarAsync(cancellationToken))! >= 1);
        }

        var after = await rig.Log.AppendAsync(EventLogRig.Event("after"), cancellationToken);

        Assert.Equal(AppendOutcome.Appended, after);
        Assert.Equal(["before", "after"], await rig.HandledWhenAsync(2, cancellationToken));
    }

    protected override async Task<EventLogSetup> CreateLogAsync() =>
        new("Postgres", await server.CreateDatabaseAsync(), new Dictionary<string, string>());
}
