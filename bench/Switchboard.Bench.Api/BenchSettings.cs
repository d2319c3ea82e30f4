using System.Reflection;

namespace Switchboard.Bench.Api;

/// <param name="Rate">Deliveries per second of the ingest scenario's open loop.</param>
/// <param name="Fixtures">The shared fixtures folder the ingest scenario reads its payload from.</param>
internal sealed record BenchSettings(string ServerDll, int Clients, TimeSpan WarmUp, TimeSpan Duration, int Starts, double Rate, string Fixtures)
{
    public const string Usage = """
        Usage: Switchboard.Bench.Api [ingest|slack] [<server dll>] [--clients 50] [--warmup 3] [--duration 10] [--starts 5] [--rate 1000] [--fixtures <dir>]
          ingest        measures webhook ingest (minimal endpoint, SQLite, PostgreSQL) instead of the command API;
                        --rate is its open-loop rate to the channel, --fixtures the shared fixtures folder.
          slack         measures the acknowledgement of signed slash commands (minimal endpoint, SQLite, PostgreSQL).
          <server dll>  defaults to artifacts/bin/Switchboard.Server/release/Switchboard.Server.dll under the repository;
                        build it first with: dotnet build src/Switchboard.Server -c Release
          --warmup and --duration are in seconds.
        """;

    public static BenchSettings? From(string[] args)
    {
        var dll = args is [var first, ..] && !first.StartsWith('-') ? first : null;
        var options = new ConfigurationBuilder().AddCommandLine(dll is null ? args : args[1..]).Build();
        dll ??= DefaultServerDll();
        var settings = new BenchSettings(
            dll is null ? "" : Path.GetFullPath(dll),
            options.GetValue("clients", 50),
            TimeSpan.FromSeconds(options.GetValue("warmup", 3.0)),
            TimeSpan.FromSeconds(options.GetValue("duration", 10.0)),
            options.GetValue("starts", 5),
            options.GetValue("rate", 1000.0),
            options["fixtures"] ?? BuiltWithFixtures());

        if (!File.Exists(settings.ServerDll))
        {
            Console.Error.WriteLine(dll is null ? "Switchboard.slnx is not above this directory; name the server dll." : $"No server dll at '{settings.ServerDll}'.");
            return null;
        }

        return settings is { Clients: > 0, Starts: > 0, Rate: > 0 } && settings.Duration > TimeSpan.Zero && settings.WarmUp >= TimeSpan.Zero
            ? settings
            : null;
    }

    /// <summary>The repository's <c>SharedFixtures</c> when this bench was built.</summary>
    private static string BuiltWithFixtures() =>
        typeof(BenchSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "SharedFixtures").Value ?? "";

    private static string? DefaultServerDll()
    {
        var root = RootAbove(Environment.CurrentDirectory) ?? RootAbove(AppContext.BaseDirectory);
        return root is null ? null : Path.Combine(root, "artifacts", "bin", "Switchboard.Server", "release", "Switchboard.Server.dll");
    }

    private static string? RootAbove(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, "Switchboard.slnx")))
            {
                return current.FullName;
            }
        }

        return null;
    }
}
