namespace Switchboard.Bench.Api;

internal static class Bootstrap
{
    /// <summary>Migrates a fresh data directory and returns the first administrator's API token.</summary>
    /// <param name="settings">More of the server's configuration, as command-line arguments (the database, for one).</param>
    public static async Task<string> RunAsync(string serverDll, string dataDirectory, IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"Bootstrapping {dataDirectory}");
        await using var bootstrap = ChildProcess.Start(serverDll, ["bootstrap", "--email", "bench@example.com", "--Switchboard:DataDirectory", dataDirectory, .. settings]);
        var exitCode = await bootstrap.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return exitCode == 0 && bootstrap.LastLine is { } token
            ? token.Trim()
            : throw new BenchFailure($"bootstrap exited with {exitCode}:{Environment.NewLine}{bootstrap.Tail}");
    }
}
