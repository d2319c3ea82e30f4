using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Switchboard.Data;
using Switchboard.Delivery.Outbox;
using Switchboard.Testing;

namespace Switchboard.Delivery.Tests.Outbox;

/// <summary>One process at a time per stream on PostgreSQL, and none kept waiting by a process that died.</summary>
public sealed class StreamLocksTests(PostgresServer server)
{
    private static readonly OutboxStream Ops = new("ops", "webhook");

    [Fact]
    public async Task AStreamHeldByOneProcessIsRefusedToAnotherUntilItIsReleased()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await server.CreateDatabaseAsync();
        var first = Process(database);
        var second = Process(database);

        var held = await first.TryTakeAsync(Ops, cancellationToken);
        var refused = await second.TryTakeAsync(Ops, cancellationToken);
        var otherStream = await second.TryTakeAsync(Ops with { Channel = "deploys" }, cancellationToken);
        await held!.DisposeAsync();
        var afterRelease = await second.TryTakeAsync(Ops, cancellationToken);

        Assert.NotNull(held);
        Assert.Null(refused);
        Assert.NotNull(otherStream);
        Assert.NotNull(afterRelease);
        await otherStream.DisposeAsync();
        await afterRelease.DisposeAsync();
    }

    [Fact]
    public async Task AStreamHeldByAProcessWhoseSessionEndsIsFreeAtOnce()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await server.CreateDatabaseAsync();
        var doomed = await Process(database).TryTakeAsync(Ops, cancellationToken);
        var survivor = Process(database);
        var whileAlive = await survivor.TryTakeAsync(Ops, cancellationToken);

        await using (var admin = new NpgsqlConnection(database))
        {
            await admin.OpenAsync(cancellationToken);
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()", admin);
            await kill.ExecuteNonQueryAsync(cancellationToken);
        }

        var afterDeath = await EventuallyTakenAsync(survivor, cancellationToken);

        Assert.NotNull(doomed);
        Assert.Null(whileAlive);
        Assert.NotNull(afterDeath);
        await afterDeath.DisposeAsync();
    }

    private static async Task<IAsyncDisposable> EventuallyTakenAsync(StreamLocks locks, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await locks.TryTakeAsync(Ops, cancellationToken) is { } held)
            {
                return held;
            }

            Assert.True(attempt < 50, "The lock of the ended session was not released.");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>What one server process has: its own pool of connections to the database.</summary>
    private static StreamLocks Process(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Switchboard"] = connectionString + ";Application Name=" + Guid.NewGuid().ToString("N"),
        }).Build();
        var services = new ServiceCollection().AddSwitchboardData(configuration).BuildServiceProvider();
        return new StreamLocks(services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>());
    }
}
