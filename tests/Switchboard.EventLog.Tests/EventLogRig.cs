using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core;
using Switchboard.Data;
using Switchboard.Data.Database;
using Switchboard.Delivery;
using Switchboard.Modules.Notify;
using Switchboard.Modules.Rolodex;

namespace Switchboard.EventLog.Tests;

/// <summary>
/// The embedded log on a real database with one consumer whose handler records each event it handles
/// in a table with a unique key, inside the consumer's transaction: what a real handler's effects are.
/// Started and stopped like a process, so a restart resumes from the checkpoint that was committed.
/// </summary>
public sealed class EventLogRig : IAsyncDisposable
{
    private readonly IHost _host;

    private EventLogRig(IHost host) => _host = host;

    public IEventLog Log => _host.Services.GetRequiredService<IEventLog>();

    public IEventLogKeys Keys => _host.Services.GetRequiredService<IEventLogKeys>();

    public static async Task<EventLogRig> StartAsync(string provider, string connectionString, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Switchboard"] = connectionString,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider.System);
        // The whole model, as the server composes it, so that the migrations match it.
        builder.Services.AddSwitchboardCore();
        builder.Services.AddSwitchboardData(builder.Configuration);
        builder.Services.AddRolodexModule();
        builder.Services.AddSwitchboardDelivery();
        builder.Services.AddSwitchboardEventLog();
        builder.Services.AddNotifyModule();
        builder.Services.AddSingleton<HandlerFaults>();
        builder.Services.AddEventConsumer<RecordingHandler>("test");
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseSchema>().MigrateAsync(cancellationToken);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>().Database.ExecuteSqlRawAsync(
                "CREATE TABLE IF NOT EXISTS test_effects (source varchar(64), dedupe_key varchar(200), position bigint NOT NULL, PRIMARY KEY (source, dedupe_key))", cancellationToken);
        }

        await host.StartAsync(cancellationToken);
        return new EventLogRig(host);
    }

    /// <summary>Makes the handler throw for events whose dedupe key starts with this prefix.</summary>
    public void FailEventsStartingWith(string prefix) => _host.Services.GetRequiredService<HandlerFaults>().Prefix = prefix;

    public static IncomingEvent Event(string dedupeKey, string source = "test") =>
        new(source, dedupeKey, "test.event", null, new Dictionary<string, string> { ["X-Test"] = dedupeKey }, [1, 2, 3], DateTimeOffset.UnixEpoch);

    /// <summary>The events the handler has handled, as dedupe keys in the order of their positions.</summary>
    public async Task<IReadOnlyList<string>> HandledAsync(CancellationToken cancellationToken)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>().Database
            .SqlQueryRaw<string>("SELECT dedupe_key AS \"Value\" FROM test_effects ORDER BY position")
            .ToListAsync(cancellationToken);
    }

    /// <summary>Waits until the handler has handled this many events, and a little longer for any extra.</summary>
    public async Task<IReadOnlyList<string>> HandledWhenAsync(int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while ((await HandledAsync(deadline.Token)).Count < count)
        {
            await Task.Delay(50, deadline.Token);
        }

        await Task.Delay(300, cancellationToken);
        return await HandledAsync(cancellationToken);
    }

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
            await db.Database.ExecuteSqlAsync($"INSERT INTO test_effects (source, dedupe_key, position) VALUES ({logged.Source}, {logged.DedupeKey}, {logged.Position})", cancellationToken);
        }
    }
}
