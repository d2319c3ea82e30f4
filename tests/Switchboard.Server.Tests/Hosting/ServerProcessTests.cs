using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>
/// The server as an operator runs it: the built program in its own process, with the embedded
/// defaults, a data directory of its own, the bootstrap sub-command and the readiness probe.
/// </summary>
public sealed class ServerProcessTests(PostgresServer postgres) : IDisposable
{
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "Switchboard.Server.dll");
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("switchboard-process-").FullName;
    private readonly List<Process> _started = [];

    [Fact]
    public async Task BootstrapPrintsATokenOnceAndRefusesASecondAdmin()
    {
        var first = await RunToEndAsync("bootstrap", "--email", "ops-lead@example.com", "--name", "Ops Lead");
        var second = await RunToEndAsync("bootstrap", "--email", "intruder@example.com");

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("swb_", first.Output.Trim().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already has an administrator", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServerBecomesReadyAndRunsCommandsAsTheBootstrappedAdmin()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var token = (await RunToEndAsync("bootstrap", "--email", "first@example.com")).Output.Trim().Split('\n')[^1];
        var port = FreePort();
        var server = Start("--urls", $"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await WaitUntilReadyAsync(client, server, cancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var whoami = await client.PostAsJsonAsync("/api/commands", new { text = "whoami" }, cancellationToken);
        var metrics = await client.GetStringAsync("/metrics", cancellationToken);

        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Contains("first@example.com", await whoami.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
        Assert.Contains("switchboard_command_invocations", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLinkBootstrapPrintsSignsTheAdminInToTheConsole()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var port = FreePort();
        var publicUrl = $"http://localhost:{port}";
        var bootstrap = await RunToEndAsync("bootstrap", "--email", "newcomer@example.com", "--Switchboard:PublicUrl", publicUrl);
        var link = new Uri(bootstrap.Output.Split('\n').Single(line => line.StartsWith(publicUrl + "/signin/", StringComparison.Ordinal)));
        var server = Start("--urls", $"http://127.0.0.1:{port}", "--Switchboard:PublicUrl", publicUrl);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitUntilReadyAsync(client, server, cancellationToken);
        using var browser = new ConsoleSession(client.BaseAddress);

        var console = await browser.SignInAsync(link, cancellationToken);
        var created = await browser.RunAsync("team create ops", cancellationToken);

        Assert.Equal("/", console.RedirectedTo);
        Assert.Contains("@newcomer", console.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains("Created team ops", created.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWebRoleOnSqliteRefusesToStart()
    {
        var result = await RunToEndAsync("--role", "web", "--urls", $"http://127.0.0.1:{FreePort()}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Database:Provider", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWebRoleRefusesAnUnmigratedDatabaseAndStartsOnceMigrateHasRun()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        string[] database = ["--Database:Provider", "Postgres", "--ConnectionStrings:Switchboard", await postgres.CreateDatabaseAsync()];
        var port = FreePort();

        var refused = await RunToEndAsync([.. database, "--role", "web", "--urls", $"http://127.0.0.1:{port}"]);
        var migrated = await RunToEndAsync(["migrate", .. database]);
        var server = Start([.. database, "--role", "web", "--urls", $"http://127.0.0.1:{port}"]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("run the 'migrate' command first", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, migrated.ExitCode);
        await WaitUntilReadyAsync(client, server, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerDll);
        foreach (var argument in arguments.Append("--Switchboard:DataDirectory").Append(_dataDirectory))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        _started.Add(process);
        return process;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunToEndAsync(params string[] arguments)
    {
        var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process server, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(server.HasExited, "The server exited before it was ready.");
            try
            {
                using var ready = await client.GetAsync("/readyz", cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, cancellationToken);
        }

        Assert.Fail("The server did not become ready within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
