using Microsoft.EntityFrameworkCore;
using Switchboard.Data.Database;
using Switchboard.Testing;

namespace Switchboard.Data.Tests.Database;

/// <summary>
/// Every connection Switchboard opens to SQLite lets SQLite wait for the write lock itself (a millisecond
/// at a time at first), instead of Microsoft.Data.Sqlite's retries every 150 ms, which under the event log's
/// load took acknowledgements from about 10 ms to over 200 ms.
/// </summary>
public sealed class SqliteBusyWaitTests
{
    [Fact]
    public async Task AConnectionWaitsForTheWriteLockInsideSqlite()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("switchboard-busy-").FullName;
        await using var db = WholeModel.CreateContext(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = directory });

        var timeout = await db.Database.SqlQueryRaw<long>("PRAGMA busy_timeout").ToListAsync(cancellationToken);

        Assert.Equal([30_000L], timeout);
    }
}
