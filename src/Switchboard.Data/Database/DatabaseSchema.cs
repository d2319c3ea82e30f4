using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Data.Database;

/// <summary>Brings the schema up to date, or checks that someone did.</summary>
public sealed class DatabaseSchema(
    IDbContextFactory<SwitchboardDbContext> contexts,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseSchema> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            await PrepareSqliteFileAsync(db, cancellationToken);
        }

        // Migrate also diffs the model against the migrations' snapshot, which costs a second at
        // every start: ask the cheap question first.
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.MigrationsApplied(pending, options.Value.Provider.ToString());
        }
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken);
    }

    /// <summary>The names of migrations this build knows but the database lacks: a server refuses to start on them.</summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }

    private static async Task PrepareSqliteFileAsync(SwitchboardDbContext db, CancellationToken cancellationToken)
    {
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // WAL lets readers proceed while the one writer commits; the setting persists in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
