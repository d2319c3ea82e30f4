using System.ComponentModel.DataAnnotations;

namespace Switchboard.Data.Database;

/// <summary>Bound from <c>Database</c>; the connection string is <c>ConnectionStrings:Switchboard</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Overrides the default SQLite file under the data directory; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the SQLite file lives when no connection string is given (<c>Switchboard:DataDirectory</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    public string SqliteConnectionString =>
        ConnectionString ?? $"Data Source={Path.Combine(DataDirectory, "switchboard.db")};Pooling=True;Default Timeout=30";
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
