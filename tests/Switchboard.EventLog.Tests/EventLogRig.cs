using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core;
using Switchboard.Core.Modules;
using Switchboard.Data;
using Switchboard.Data.Database;
using Switchboard.Delivery;
using Switchboard.EventLog.Browsing;
using Switchboard.EventLog.Embedded;
using Switchboard.EventLog.Kafka;
using Switchboard.EventLog.Retention;
using Switchboard.Modules.Deploy;
using Switchboard.Modules.Notify;
using Switchboard.Modules.Rolodex;
using Switchboard.Modules.Slack;
using Switchboard.Modules.Trust;

namespace Switchboard.EventLog.Tests;

/// <summary>
/// An event log engine on a real database with one consumer whose handler records each event it handles
/// in a table, inside the consumer's transaction: what a real handler's effects are. The table has no
/// unique key, so an event whose effects were kept twice shows as two rows. Started and stopped like a
/// process, so a restart resumes from the progress that was committed.
/// </summary>
public sealed class EventLogRig : IAsyncDisposable
{
    private readonly IHost _host;

    private EventLogRig(IHost host) => _host = host;

    public IEventLog Log => _host.Services.GetRequiredService<IEventLog>();

    public IEventLogKeys Keys => _host.Services.GetRequiredService<IEventLogKeys>();

    internal EventLogRetention Retention => _host.Services.GetRequiredService<EventLogRetention>();

    internal LoggedKeys LoggedKeys => _host.Services.GetRequiredService<LoggedKeys>();

    public IDbContextFactory<SwitchboardDbContext> Contexts => _host.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>();

    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 25, 9, 30, 15, 250, TimeSpan.Zero);

    /// <param name="consume">False for a process that only appends, as <c>--role web</c> runs.</param>
    /// <param name="failing">Makes the handler throw, from the start, for events whose dedupe key starts with this prefix.</param>
    /// <param name="wantedSources">The sources whose events the handler wants; none for all.</param>
    /// <param name="retentionDays">How long events are kept; by default for ever, as the rig's events are days old.</param>
    public static async Task<EventLogRig> StartAsync(
        EventLogSetup setup, CancellationToken cancellationToken, bool consume = true, string? failing = null, string[]? wantedSources = null, int retentionDays = 0)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = setup.Provider,
            ["ConnectionStrings:Switchboard"] = setup.ConnectionString,
        });
        builder.Configuration.AddInMemoryCollection(setup.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider.System);
        // The whole model, as the server composes it, so that the migrations match it.
        builder.Services.AddSwitchboardCore();
        builder.Services.AddSwitchboardData(builder.Configuration);
        builder.Services.AddRolodexModule();
        builder.Services.AddSwitchboardDelivery(builder.Configuration);
        builder.Services.AddSwitchboardEventLog(builder.Configuration);
        if (builder.Configuration.GetValue<EventLogEngine>("EventLog:Engine") == EventLogEngine.Kafka)
        {
            builder.Services.AddKafkaEventLog(builder.Configuration);
        }
        else
        {
            builder.Services.AddEmbeddedEventLog();
        }

        builder.Services.AddNotifyModule();
        builder.Services.AddTrustModule();

        // Slack's tables, without its consumer, which would take these tests' events for Slack's.
        builder.Services.AddSwitchboardModule(name: "slack", owningTeam: "platform").AddEntityConfigurationsFrom(typeof(SlackModule).Assembly);
        builder.Services.AddSwitchboardModule(name: "deploy", owningTeam: "platform").AddEntityConfigurationsFrom(typeof(DeployModule).Assembly);
        builder.Services.AddSingleton<HandlerFaults>();
        builder.Services.AddEventConsumer<RecordingHandler>("test", wantedSources ?? []);
        builder.Services.Configure<EventLogOptions>(options =>
        {
            options.Consume = consume;
            options.RetentionDays = retentionDays;
        });
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseSchema>().MigrateAsync(cancellationToken);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>().Database.ExecuteSqlRawAsync(
                "CREATE TABLE IF NOT EXISTS test_effects (source varchar(64) NOT NULL, dedupe_key varchar(200) NOT NULL, position bigint NOT NULL, body_sha256 varchar(64) NOT NULL)", cancellationToken);
        }

        host.Services.GetRequiredService<HandlerFaults>().Prefix = failing;
        await host.StartAsync(cancellationToken);
        return new EventLogRig(host);
    }

    /// <summary>Makes the handler throw for events whose dedupe key starts with this prefix.</summary>
    public void FailEventsStartingWith(string prefix) => _host.Services.GetRequiredService<HandlerFaults>().Prefix = prefix;

    /// <param name="orderingKey">Events with one ordering key are handled in the order they were appended, on every engine.</param>
    public static IncomingEvent Event(string dedupeKey, string source = "test", string? orderingKey = null, byte[]? body = null) =>
        new(source, dedupeKey, "test.event", orderingKey, new Dictionary<string, string> { ["X-Test"] = dedupeKey }, body ?? [1, 2, 3], ReceivedAt);

    /// <summary>The events the handler has handled, as dedupe keys in the order of their positions.</summary>
    public async Task<IReadOnlyList<string>> HandledAsync(CancellationToken cancellationToken) =>
        [.. (await HandledAtAsync(cancellationToken)).Select(e => e.DedupeKey)];

    /// <summary>The events the handler has handled, with the positions it saw, in the order of their positions.</summary>
    public async Task<IReadOnlyList<HandledEvent>> HandledAtAsync(CancellationToken cancellationToken)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>().Database
            .SqlQueryRaw<HandledEvent>("SELECT dedupe_key, position FROM test_effects ORDER BY position")
            .ToListAsync(cancellationToken);
    }

    /// <summary>The SHA-256 of the body the handler was handed, by dedupe key.</summary>
    public async Task<IReadOnlyDictionary<string, string>> HandledBodiesAsync(CancellationToken cancellationToken)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var bodies = await scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>().Database
            .SqlQueryRaw<HandledBody>("SELECT dedupe_key, body_sha256 FROM test_effects")
            .ToListAsync(cancellationToken);
        return bodies.ToDictionary(b => b.DedupeKey, b => b.BodySha256);
    }

    /// <summary>The events kept where operators browse the log (<c>event_log_entries</c>), as dedupe keys in the order they were kept.</summary>
    public async Task<IReadOnlyList<string>> KeptAsync(CancellationToken cancellationToken)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>().Database
            .SqlQueryRaw<string>("SELECT dedupe_key AS \"Value\" FROM event_log_entries WHERE position IS NOT NULL ORDER BY id")
            .ToListAsync(cancellationToken);
    }

    /// <summary>The events operators find by these keys (<c>events</c> history), as dedupe keys in order.</summary>
    public async Task<IReadOnlyList<string>> BrowsedAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellationToken)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<IEventLogReader>().WithKeysAsync("test", keys, cancellationToken);
        return [.. found.Select(e => e.DedupeKey).Order(StringComparer.Ordinal)];
    }

    /// <summary>Waits until the handler has handled this many events, and a little longer for any extra.</summary>
    public Task<IReadOnlyList<string>> HandledWhenAsync(int count, CancellationToken cancellationToken) =>
        WhenAsync(HandledAsync, count, cancellationToken);

    /// <summary>Waits until the handler has handled this many events, and a little longer for any extra; with their positions.</summary>
    public Task<IReadOnlyList<HandledEvent>> HandledAtWhenAsync(int count, CancellationToken cancellationToken) =>
        WhenAsync(HandledAtAsync, count, cancellationToken);

    /// <summary>Waits until this many events are kept where operators browse the log, and a little longer for any extra.</summary>
    public Task<IReadOnlyList<string>> KeptWhenAsync(int count, CancellationToken cancellationToken) =>
        WhenAsync(KeptAsync, count, cancellationToken);

    public async Task<IReadOnlyList<string>> DeadLettersAsync(CancellationToken cancellationToken)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>().Database
            .SqlQueryRaw<string>("SELECT error AS \"Value\" FROM event_dead_letters WHERE consumer = 'test' ORDER BY position")
            .ToListAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static async Task<IReadOnlyList<T>> WhenAsync<T>(
        Func<CancellationToken, Task<IReadOnlyList<T>>> read, int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while ((await read(deadline.Token)).Count < count)
        {
            await Task.Delay(50, deadline.Token);
        }

        await Task.Delay(300, cancellationToken);
        return await read(cancellationToken);
    }

    public sealed record HandledEvent(string DedupeKey, long Position);

    public sealed record HandledBody(string DedupeKey, string BodySha256);

    internal sealed class HandlerFaults
    {
        public string? Prefix { get; set; }
    }

    internal sealed class RecordingHandler(SwitchboardDbContext db, HandlerFaults faults) : IEventHandler
    {
        public async Task HandleAsync(LoggedEvent logged, CancellationToken cancellationToken)
        {
            if (faults.Prefix is { } prefix && logged.DedupeKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"cannot handle {logged.DedupeKey}");
            }

            Assert.Equal(logged.DedupeKey, logged.Headers["X-Test"]);
            Assert.Equal(("test.event", ReceivedAt), (logged.Type, logged.ReceivedAt));
            var body = Convert.ToHexString(SHA256.HashData(logged.Body));
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO test_effects (source, dedupe_key, position, body_sha256) VALUES ({logged.Source}, {logged.DedupeKey}, {logged.Position}, {body})", cancellationToken);
        }
    }
}

/// <summary>Where a rig keeps its log: the database, and the engine's settings (none for the embedded default).</summary>
public sealed record EventLogSetup(string Provider, string ConnectionString, IReadOnlyDictionary<string, string> Settings);
