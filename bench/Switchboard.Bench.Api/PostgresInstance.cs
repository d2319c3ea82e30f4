using System.Diagnostics;

namespace Switchboard.Bench.Api;

/// <summary>
/// A throwaway PostgreSQL server on a free loopback port with its default durability (fsync on), stopped and
/// deleted when disposed. <c>initdb</c> and <c>pg_ctl</c> refuse to run as root, so as root they run as <c>postgres</c>.
/// </summary>
internal sealed class PostgresInstance : IAsyncDisposable
{
    private static readonly string[] Folders = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"];

    private readonly DirectoryInfo _directory;
    private readonly string _pgCtl;
    private readonly int _port;

    private PostgresInstance(DirectoryInfo directory, string pgCtl, int port)
    {
        _directory = directory;
        _pgCtl = pgCtl;
        _port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Maximum Pool Size=100";
    }

    public string ConnectionString { get; }

    public static async Task<PostgresInstance> StartAsync(CancellationToken cancellationToken)
    {
        var pgCtl = Program("pg_ctl");
        var directory = Directory.CreateTempSubdirectory("switchboard-bench-pg-");
        var instance = new PostgresInstance(directory, pgCtl, Scenario.LoopbackUrl().Port);
        try
        {
            await instance.InitializeAsync(cancellationToken);
            return instance;
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"Starting PostgreSQL on 127.0.0.1:{_port}");
        await AsPostgresAsync(Program("initdb"), ["-D", $"{_directory}/data", "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"], cancellationToken);
        await AsPostgresAsync(
            _pgCtl,
            ["-D", $"{_directory}/data", "-l", $"{_directory}/log", "-w", "-o", $"-p {_port} -k {_directory} -c listen_addresses=127.0.0.1 -c max_connections=300", "start"],
            cancellationToken);
        await FillWalToRecycleAsync(cancellationToken);
    }

    /// <summary>
    /// A new cluster has no WAL segments to reuse, so each one it needs is first written full of zeros, in the commit that
    /// crosses into it: a stall of tens of milliseconds for every 16 MB of WAL, which a server in service does not have,
    /// as its checkpoints hand old segments back for reuse. Filling <c>max_wal_size</c> (1 GB by default) with segments
    /// and checkpointing leaves the measured runs what a server in service has.
    /// </summary>
    private async Task FillWalToRecycleAsync(CancellationToken cancellationToken)
    {
        const int Segments = 64;
        List<string> statements = ["CREATE TABLE wal_warmup (n int)"];
        for (var i = 0; i < Segments; i++)
        {
            // A switch is a no-op unless something was written since the last one.
            statements.AddRange(["INSERT INTO wal_warmup VALUES (1)", "SELECT pg_switch_wal()"]);
        }

        statements.AddRange(["DROP TABLE wal_warmup", "CHECKPOINT"]);
        var started = Stopwatch.GetTimestamp();
        await RunAsync(Program("psql"), ["-X", "-q", "-h", "127.0.0.1", "-p", $"{_port}", "-U", "postgres", .. statements.SelectMany(s => new[] { "-c", s })], cancellationToken);
        await Console.Error.WriteLineAsync($"PostgreSQL: {Segments} WAL segments written and checkpointed for reuse in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    public async ValueTask DisposeAsync()
    {
        await AsPostgresAsync(_pgCtl, ["-D", $"{_directory}/data", "-m", "immediate", "-w", "stop"], CancellationToken.None);
        _directory.Delete(recursive: true);
    }

    private static string Program(string name) =>
        Folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
        ?? throw new BenchFailure($"{name} was not found: install PostgreSQL (apt-get install -y postgresql).");

    private async Task AsPostgresAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _directory.FullName], cancellationToken);
        }

        await (asRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], cancellationToken) : RunAsync(program, arguments, cancellationToken));
    }

    private static async Task RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new BenchFailure($"{program} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
