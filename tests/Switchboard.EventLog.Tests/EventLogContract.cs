using Npgsql;
using Switchboard.Testing;

namespace Switchboard.EventLog.Tests;

/// <summary>What the event log promises on every engine: durable appends once per key, each event handled once, in order.</summary>
public abstract class EventLogContract
{
    protected abstract string Provider { get; }

    [Fact]
    public async Task AnAppendedEventIsHandledOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(Provider, await CreateDatabaseAsync(), cancellationToken);

        var outcome = await rig.Log.AppendAsync(EventLogRig.Event("a"), cancellationToken);

        Assert.Equal(AppendOutcome.Appended, outcome);
        Assert.Equal(["a"], await rig.HandledWhenAsync(1, cancellationToken));
    }

    [Fact]
    public async Task ARedeliveryIsADuplicateAndIsNotHandledAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(Provider, await CreateDatabaseAsync(), cancellationToken);

        var first = await rig.Log.AppendAsync(EventLogRig.Event("delivery-1"), cancellationToken);
        var again = await rig.Log.AppendAsync(EventLogRig.Event("delivery-1"), cancellationToken);
        var otherSource = await rig.Log.AppendAsync(EventLogRig.Event("delivery-1", source: "other"), cancellationToken);

        Assert.Equal((AppendOutcome.Appended, AppendOutcome.Duplicate, AppendOutcome.Appended), (first, again, otherSource));
        Assert.Equal(2, (await rig.HandledWhenAsync(2, cancellationToken)).Count);
    }

    [Fact]
    public async Task ManyConcurrentAppendsWithRepeatsAreEachHandledExactlyOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(Provider, await CreateDatabaseAsync(), cancellationToken);
        var keys = Enumerable.Range(0, 150).Select(i => $"burst-{i % 100:D3}").ToList();

        var outcomes = await Task.WhenAll(keys.Select(key => rig.Log.AppendAsync(EventLogRig.Event(key), cancellationToken)));

        Assert.Equal(100, outcomes.Count(o => o == AppendOutcome.Appended));
        var handled = await rig.HandledWhenAsync(100, cancellationToken);
        Assert.Equal(keys.Distinct().Order(StringComparer.Ordinal), handled.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheLogSaysWhichDedupeKeysOfASourceItHolds()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(Provider, await CreateDatabaseAsync(), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("kept-1"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("kept-2"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("other-source", source: "other"), cancellationToken);
        var asked = Enumerable.Range(0, 1200).Select(i => $"missing-{i}").Concat(["kept-1", "kept-2", "other-source", "kept-1"]).ToList();

        var found = await rig.Keys.FindAsync("test", asked, cancellationToken);

        Assert.Equal(["kept-1", "kept-2"], found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnEventThatKeepsFailingIsDeadLetteredAndTheNextOnesAreStillHandled()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var rig = await EventLogRig.StartAsync(Provider, await CreateDatabaseAsync(), cancellationToken);
        rig.FailEventsStartingWith("poison");

        await rig.Log.AppendAsync(EventLogRig.Event("before"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("poison-1"), cancellationToken);
        await rig.Log.AppendAsync(EventLogRig.Event("after"), cancellationToken);

        Assert.Equal(["before", "after"], await rig.HandledWhenAsync(2, cancellationToken));
        Assert.Equal(["InvalidOperationException: cannot handle poison-1"], await rig.DeadLettersAsync(cancellationToken));
    }

    [Fact]
    public async Task ARestartedConsumerResumesFromItsCheckpoint()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await CreateDatabaseAsync();
        await using (var first = await EventLogRig.StartAsync(Provider, database, cancellationToken))
        {
            await first.Log.AppendAsync(EventLogRig.Event("one"), cancellationToken);
            await first.HandledWhenAsync(1, cancellationToken);
        }

        await using var second = await EventLogRig.StartAsync(Provider, database, cancellationToken);
        await second.Log.AppendAsync(EventLogRig.Event("two"), cancellationToken);

        Assert.Equal(["one", "two"], await second.HandledWhenAsync(2, cancellationToken));
    }

    protected abstract Task<string> CreateDatabaseAsync();
}

public sealed class EventLogOnSqliteTests : EventLogContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("switchboard-eventlog-").FullName;

    protected override string Provider => "Sqlite";

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(_directory, $"{Guid.NewGuid():N}.db")};Pooling=True;Default Timeout=30");
}

public sealed class EventLogOnPostgresTests(PostgresServer server) : EventLogContract
{
    protected override string Provider => "Postgres";

    /// <summary>
    /// Ids are taken when a row is inserted, not when it commits: an event inserted first but committed
    /// last has the lower id. A consumer that read by id would already be past it.
    /// </summary>
    [Fact]
    public async Task AnEventThatCommitsLateIsHandledNotSkipped()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await CreateDatabaseAsync();
        await using var rig = await EventLogRig.StartAsync(Provider, database, cancellationToken);
        await using var slowWriter = new NpgsqlConnection(database);
        await slowWriter.OpenAsync(cancellationToken);
        await using var slowTransaction = await slowWriter.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO event_log_entries (source, dedupe_key, type, headers_json, body, received_at)
            VALUES ('test', 'late', 'test.event', '{"X-Test":"late"}', '\x01', now())
            """,
            slowWriter,
            slowTransaction))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await rig.Log.AppendAsync(EventLogRig.Event("early"), cancellationToken);
        Assert.Equal(["early"], await rig.HandledWhenAsync(1, cancellationToken));
        await slowTransaction.CommitAsync(cancellationToken);

        Assert.Equal(["early", "late"], await rig.HandledWhenAsync(2, cancellationToken));
    }

    protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();
}
