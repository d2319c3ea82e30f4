using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Switchboard.Modules.Rolodex.Vault;
using Switchboard.Testing;

namespace Switchboard.Modules.Rolodex.Tests.Vault;

/// <summary>What someone holding the database and nothing else learns about the tokens in the vault: nothing.</summary>
public abstract class VaultAtRestTests(SwitchboardHost host)
{
    [Fact]
    public async Task TheDatabaseAloneNeitherShowsATokenNorOpensWithoutTheKey()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("at-rest", cancellationToken);
        var token = ServiceTokens.GitHub();
        await host.RunAsync(person, "vault set at-rest --scope repo", cancellationToken, secret: token);

        var row = Assert.Single(await host.ReadSqlAsync("SELECT * FROM rolodex_vault_entries WHERE service = 'at-rest'", cancellationToken));
        var sealedCredential = new SealedCredential((string)row["key_id"]!, (byte[])row["wrapped_key"]!, (byte[])row["sealed_value"]!, null);
        var wrongKey = new VaultKey(sealedCredential.KeyId, RandomNumberGenerator.GetBytes(VaultEnvelope.KeySize));
        var rightKey = VaultKeyFile.MadeBy(host.Logs).Key;

        Assert.Empty(row.Where(column => Reveals(column.Value, token)).Select(column => column.Key));
        Assert.ThrowsAny<CryptographicException>(() => VaultEnvelope.Open(wrongKey, person.Id, "at-rest", sealedCredential));
        Assert.Equal(token, VaultEnvelope.Open(rightKey, person.Id, "at-rest", sealedCredential).Value);
    }

    [Fact]
    public async Task AnEntryCopiedIntoSomeoneElsesRowDoesNotOpenForThem()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var victim = await host.AddPersonAsync("swap-victim", cancellationToken);
        var thief = await host.AddPersonAsync("swap-thief", cancellationToken);
        await host.RunAsync(victim, "vault set swap", cancellationToken, secret: ServiceTokens.GitHub());
        await host.RunAsync(thief, "vault set swap", cancellationToken, secret: ServiceTokens.GitHub());
        const string Victims = "(SELECT e.{0} FROM rolodex_vault_entries e JOIN rolodex_people p ON p.id = e.person_id WHERE p.handle = 'swap-victim' AND e.service = 'swap')";

        await host.ExecuteSqlAsync(
            $"UPDATE rolodex_vault_entries SET key_id = {string.Format(null, Victims, "key_id")}, wrapped_key = {string.Format(null, Victims, "wrapped_key")}, " +
            $"sealed_value = {string.Format(null, Victims, "sealed_value")} WHERE service = 'swap' AND person_id = (SELECT id FROM rolodex_people WHERE handle = 'swap-thief')",
            cancellationToken);
        var thiefs = await host.RunAsync(thief, "vault list", cancellationToken);
        var victims = await host.RunAsync(victim, "vault list", cancellationToken);

        Assert.Contains("**Cannot be read**", thiefs.Field("swap"), StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot be read", victims.Field("swap"), StringComparison.Ordinal);
    }

    /// <summary>Whether a value holds the token as text, in UTF-8 or UTF-16.</summary>
    internal static bool Reveals(object? value, string token) => value switch
    {
        string text => text.Contains(token, StringComparison.Ordinal),
        byte[] bytes => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(token)) >= 0,
        _ => false,
    };
}

public sealed class VaultAtRestOnSqliteTests(SqliteHost host) : VaultAtRestTests(host), IClassFixture<SqliteHost>;

public sealed class VaultAtRestOnPostgresTests(PostgresHost host) : VaultAtRestTests(host), IClassFixture<PostgresHost>;

/// <summary>The SQLite file itself, copied the way a backup copies it, and the files the server is writing.</summary>
public sealed class VaultBackupTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task ABackupOfTheDatabaseFileHoldsTheTokenInNoReadableForm()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var person = await host.AddPersonAsync("file-copy", cancellationToken);
        var token = ServiceTokens.GitHub();
        await host.RunAsync(person, "vault set file-copy", cancellationToken, secret: token);
        var backup = Path.Combine(Path.GetDirectoryName(host.DatabaseFile)!, "backup.db");

        using (var live = new SqliteConnection($"Data Source={host.DatabaseFile};Pooling=False"))
        using (var copy = new SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            live.Open();
            // The server writes in the background (checkpoints, consumers); a backup tool waits for its locks, as this does.
            using (var wait = live.CreateCommand())
            {
                wait.CommandText = "PRAGMA busy_timeout = 10000;";
                wait.ExecuteNonQuery();
            }

            live.BackupDatabase(copy);
        }

        Assert.Equal(1L, CountInBackup(backup, "SELECT count(*) FROM rolodex_vault_entries WHERE service = 'file-copy'"));
        Assert.False(VaultAtRestTests.Reveals(await File.ReadAllBytesAsync(backup, cancellationToken), token));
        Assert.False(VaultAtRestTests.Reveals(ReadShared(host.DatabaseFile), token));
        Assert.False(VaultAtRestTests.Reveals(ReadShared(host.DatabaseFile + "-wal"), token));
    }

    private static long CountInBackup(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A file the server still has open, as a file copy reads it; none when SQLite has removed it (a WAL after its last connection closed).</summary>
    private static byte[] ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
