using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchboard.Data.Database;

/// <summary>
/// Makes SQLite itself wait for the write lock (its busy handler sleeps 1, 2, 5, 10 ms and so on)
/// instead of failing at once. Microsoft.Data.Sqlite retries a busy statement only every 150 ms, and with
/// the event log's appends, its consumers and the outbox each writing many times a second, a collision
/// would cost that much, many times over.
/// </summary>
internal sealed class SqliteBusyWait : DbConnectionInterceptor
{
    public static readonly SqliteBusyWait Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Wait(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Wait(connection);
        return Task.CompletedTask;
    }

    private static void Wait(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();
    }
}
