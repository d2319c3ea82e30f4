using Microsoft.EntityFrameworkCore;
using Switchboard.Data.Database;
using Switchboard.Testing;

namespace Switchboard.Data.Tests.Database;

/// <summary>
/// Every connection Switchboard opens to SQLite lets SQLite wait for the write lock itself (a millisecond
/// at a time at first), instead of Microsoft.Data.Sqlite's retries every 150 ms, which under the event log's
/// load took acknowledgements from about 10 ms to over 200 ms; and commits durably, whatever the last user
/// of the pooled connection chose for its own transaction.
/// </summary>
public sealed class SqliteConnectionSetupTests
{
    private const long Full = 2;
    private const long Normal = 1;

    [Fact]
    public async Task AConnectionWaitsForTheWriteLockInsideSqlite()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var db = WholeModel.CreateContext(FreshDatabase());

        var timeout = await db.Database.SqlQueryRaw<long>("PRAGMA busy_timeout").ToListAsync(cancellationToken);

        Assert.Equal([30_000L], timeout);
    }

    [Fact]
    public async Task AConnectionCommitsDurablyAgainAfterAWriterChoseOtherwise()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = FreshDatabase();
        await using (var relaxed = WholeModel.CreateContext(database))
        {
            await relaxed.Database.OpenConnectionAsync(cancellationToken);
            await relaxed.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", cancellationToken);
            Assert.Equal([Normal], await relaxed.Database.SqlQueryRaw<long>("PRAGMA synchronous").ToListAsync(cancellationToken));
        }

        await using var next = WholeModel.CreateContext(database);

        Assert.Equal([Full], await next.Database.SqlQueryRaw<long>("PRAGMA synchronous").ToListAsync(cancellationToken));
    }

    private static DatabaseOptions FreshDatabase() =>
        new() { Provider = DatabaseProvider.Sqlite, DataDirectory = Directory.CreateTempSubdirectory("switchboard-connection-").FullName };
}
