using Microsoft.EntityFrameworkCore;
using Switchboard.Core.People;
using Switchboard.Data.Audit;
using Switchboard.Data.Database;
using Switchboard.Data.Idempotency;
using Switchboard.Testing;

namespace Switchboard.Data.Tests.Database;

/// <summary>What storage promises on every provider: the migrations build the model, and constraints hold.</summary>
public abstract class StorageContract : IAsyncLifetime
{
    private SwitchboardDbContext _db = null!;

    public async ValueTask InitializeAsync()
    {
        _db = WholeModel.CreateContext(await CreateDatabaseAsync());
        await _db.Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task MigrationsLeaveNothingPending()
    {
        var pending = await _db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken);

        Assert.Empty(pending);
        Assert.False(_db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: add a migration for both providers.");
    }

    /// <summary>
    /// Test processes compose hosts with fewer modules beside whole ones. EF caches a model per process: one cached for a
    /// smaller composition once made a whole one's migration fail ("the model changes each time it is built").
    /// </summary>
    [Fact]
    public async Task ACompositionWithFewerModulesLendsNoModelToTheWholeOne()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await CreateDatabaseAsync();
        await using (var fewer = DesignTimeModel.CreateContext(database, typeof(SwitchboardDbContext).Assembly))
        {
            Assert.Empty(await fewer.Database.GetAppliedMigrationsAsync(cancellationToken));
            Assert.True(fewer.Database.HasPendingModelChanges(), "A context without the modules has a model that differs from the migrations'.");
        }

        await using var whole = WholeModel.CreateContext(database);
        await whole.Database.MigrateAsync(cancellationToken);

        Assert.Empty(await whole.Database.GetPendingMigrationsAsync(cancellationToken));
        Assert.False(whole.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task TheSeededChannelsExist()
    {
        var channels = await _db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM delivery_channels ORDER BY name")
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["deploys", "ops"], channels);
    }

    [Fact]
    public async Task AnAuditSequenceNumberCannotBeUsedTwice()
    {
        var record = new Core.Audit.AuditRecord(DateTimeOffset.UnixEpoch, null, "test", "test", "succeeded", null, "first");
        _db.Add(AuditChain.Link(record, 1, AuditChain.GenesisHash));
        await _db.SaveChangesAsync(TestContext.Current.CancellationToken);
        _db.ChangeTracker.Clear();

        _db.Add(AuditChain.Link(record with { Detail = "second" }, 1, AuditChain.GenesisHash));
        var clash = await Assert.ThrowsAsync<DbUpdateException>(() => _db.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.True(clash.IsUniqueViolation());
        _db.ChangeTracker.Clear();
    }

    [Fact]
    public async Task AnIdempotencyKeyIsUniquePerPerson()
    {
        var person = new PersonId(Guid.NewGuid());
        _db.Add(new IdempotencyRecord { PersonId = person, Key = "k", Fingerprint = "say hi", CreatedAt = DateTimeOffset.UnixEpoch });
        await _db.SaveChangesAsync(TestContext.Current.CancellationToken);
        _db.ChangeTracker.Clear();

        _db.Add(new IdempotencyRecord { PersonId = person, Key = "k", Fingerprint = "say hi", CreatedAt = DateTimeOffset.UnixEpoch });
        var clash = await Assert.ThrowsAsync<DbUpdateException>(() => _db.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.True(clash.IsUniqueViolation());
        _db.ChangeTracker.Clear();
    }

    [Fact]
    public async Task TimesKeepTheirOrderAndMillisecondPrecision()
    {
        var early = new DateTimeOffset(2026, 11, 25, 9, 0, 0, 123, TimeSpan.Zero);
        var person = new PersonId(Guid.NewGuid());
        _db.AddRange(
            new IdempotencyRecord { PersonId = person, Key = "late", Fingerprint = "x", CreatedAt = early.AddMilliseconds(1) },
            new IdempotencyRecord { PersonId = person, Key = "early", Fingerprint = "x", CreatedAt = early });
        await _db.SaveChangesAsync(TestContext.Current.CancellationToken);
        _db.ChangeTracker.Clear();

        var ordered = await _db.Set<IdempotencyRecord>()
            .Where(r => r.PersonId == person && r.CreatedAt >= early)
            .OrderBy(r => r.CreatedAt)
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["early", "late"], ordered.Select(r => r.Key));
        Assert.Equal(early, ordered[0].CreatedAt);
    }

    protected abstract Task<DatabaseOptions> CreateDatabaseAsync();
}

public sealed class StorageOnSqliteTests : StorageContract
{
    protected override Task<DatabaseOptions> CreateDatabaseAsync()
    {
        var directory = Directory.CreateTempSubdirectory("switchboard-storage-").FullName;
        return Task.FromResult(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = directory });
    }
}

public sealed class StorageOnPostgresTests(PostgresServer server) : StorageContract
{
    protected override async Task<DatabaseOptions> CreateDatabaseAsync() =>
        new() { Provider = DatabaseProvider.Postgres, ConnectionString = await server.CreateDatabaseAsync() };
}
