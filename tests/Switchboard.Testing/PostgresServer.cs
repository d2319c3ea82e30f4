using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Switchboard.Testing;

/// <summary>
/// One throwaway PostgreSQL server per test assembly: the one named by <c>SWITCHBOARD_TEST_POSTGRES</c>
/// when set (CI starts one for the whole run), otherwise <c>initdb</c> + <c>pg_ctl</c> on a free loopback
/// port in a temporary directory. It never skips: a missing server is a failure that names the package.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string ServerVariable = "SWITCHBOARD_TEST_POSTGRES";
    private static readonly string[] BinaryFolders = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"];

    private string? _directory;
    private string? _pgCtl;

    public string AdminConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var named = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            AdminConnectionString = named;
            return;
        }

        var initdb = Find("initdb");
        _pgCtl = Find("pg_ctl");
        _directory = Directory.CreateTempSubdirectory("switchboard-pg-").FullName;
        var port = FreePort();
        await RunAsPostgresAsync(initdb, $"-D {_directory}/data --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync");
        await RunAsPostgresAsync(
            _pgCtl,
            $"-D {_directory}/data -l {_directory}/log -w -o \"-p {port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" start");
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_pgCtl is not null && _directory is not null)
        {
            await RunAsPostgresAsync(_pgCtl, $"-D {_directory}/data -m immediate -w stop");
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>A new, empty database on this server, for one test class.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"switchboard_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    private static string Find(string program) =>
        BinaryFolders.Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            $"{program} was not found: install PostgreSQL (apt-get install -y postgresql) or set {ServerVariable} to a server's connection string.");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // initdb and pg_ctl refuse to run as root, which CI and sessions are: run them as the postgres user.
    private async Task RunAsPostgresAsync(string program, string arguments)
    {
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"-R postgres:postgres {_directory}");
        }

        await (asRoot ? RunAsync("runuser", $"-u postgres -- {program} {arguments}") : RunAsync(program, arguments));
    }

    private static async Task RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
