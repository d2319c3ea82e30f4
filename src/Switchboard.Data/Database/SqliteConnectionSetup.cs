using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchboard.Data.Database;

/// <summary>
/// Sets up every SQLite connection as it opens. SQLite itself waits for the write lock (its busy handler
/// sleeps 1, 2, 5, 10 ms and so on) instead of failing at once: Microsoft.Data.Sqlite retries a busy
/// statement only every 150 ms, and with the event log's appends, its consumers and the outbox each writing
/// many times a second, a collision would cost that much, many times over. And every commit waits for the
/// disk (<c>synchronous=FULL</c>) and may copy the write-ahead log into the database when it has grown
/// (<c>wal_autocheckpoint</c>) unless its writer says otherwise for its own transaction, as the event consumers
/// and appends do: a pooled connection must not carry one writer's choice to the next. A WAL that a burst grew is cut
/// back to 64 MiB when a writer starts it over (<c>journal_size_limit</c>); SQLite would otherwise keep the file at its
/// largest for ever.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => SetUp(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SetUp(connection);
        return Task.CompletedTask;
    }

    private static void SetUp(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000; PRAGMA journal_size_limit = 67108864;";
        command.ExecuteNonQuery();
    }
}
