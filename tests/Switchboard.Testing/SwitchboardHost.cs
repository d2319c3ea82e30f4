using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Emulators.Duo;
using Switchboard.Emulators.GitHub;
using Switchboard.Emulators.Heroku;
using Switchboard.Emulators.OAuth;
using Switchboard.Emulators.PagerDuty;
using Switchboard.Emulators.Slack.WebApi;
using Switchboard.Emulators.YubiCloud;

namespace Switchboard.Testing;

/// <summary>
/// The real server on Kestrel on a random loopback port, over a real database, driven over HTTP
/// through intent methods, with the outside world it talks to emulated on loopback (<see cref="GitHub"/>, <see cref="Heroku"/>,
/// <see cref="PagerDuty"/>, <see cref="YubiCloud"/>, <see cref="Duo"/>).
/// Tests see what a client, the vendors and an operator reading the logs see; its services only for a part no command reaches yet.
/// </summary>
public abstract class SwitchboardHost : IAsyncLifetime
{
    private readonly List<FakeLogCollector> _logsOfEveryStart = [];
    private Factory? _factory;
    private OAuthClient[] _oauthApps = [];

    /// <summary>The clock every part of Switchboard reads; time moves only when a test advances it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public Uri BaseAddress => _factory?.ClientOptions.BaseAddress ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>GitHub, emulated on loopback with the host's clock; <c>GitHub:ApiUrl</c> points at it.</summary>
    public GitHubEmulator GitHub { get; private set; } = null!;

    /// <summary>Heroku's OAuth flow and Platform API, emulated with the host's clock; <c>OAuth:Heroku:*</c> point at it.</summary>
    public HerokuEmulator Heroku { get; private set; } = null!;

    /// <summary>PagerDuty's OAuth flow and REST API, emulated with the host's clock; <c>OAuth:PagerDuty:*</c> point at it.</summary>
    public PagerDutyEmulator PagerDuty { get; private set; } = null!;

    /// <summary>
    /// <c>Switchboard:PublicUrl</c>, the address Switchboard's OAuth applications are registered with: the services
    /// send the browser back to <c>connect/{service}/callback</c> under it, and a test carries that path to <see cref="BaseAddress"/>.
    /// </summary>
    public static Uri PublicUrl { get; } = new("http://localhost:5080/");

    /// <summary>A YubiCloud-compatible validation server with the host's clock; <c>Trust:YubiCloud:*</c> point at it.</summary>
    public YubiCloudEmulator YubiCloud { get; private set; } = null!;

    /// <summary>A Duo Auth API with the host's clock; <c>Trust:Duo:*</c> point at it.</summary>
    public DuoEmulator Duo { get; private set; } = null!;

    /// <summary>Slack's Web API, emulated on loopback with the host's clock; <c>Slack:ApiBaseUrl</c> and <c>Slack:BotToken</c> point at it.</summary>
    public SlackWebApiEmulator Slack { get; private set; } = null!;

    /// <summary>What the host logged since it last started, as an operator would read it (Information and up, unless the settings lower a category's level).</summary>
    public FakeLogCollector Logs { get; private set; } = null!;

    /// <summary>The first administrator, made by the same bootstrap that operators run.</summary>
    public TestPerson Admin { get; private set; } = null!;

    /// <summary>The database, as an operator holding its credentials reaches it: for tests of what the database alone reveals.</summary>
    public string ConnectionString { get; private set; } = "";

    protected abstract string Provider { get; }

    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("switchboard-test-").FullName;

    /// <summary>Configuration beyond the database, for a fixture that tests a setting.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        GitHub = await GitHubEmulator.StartAsync(Clock);
        YubiCloud = await YubiCloudEmulator.StartAsync(Clock);
        Duo = await DuoEmulator.StartAsync(Clock);
        Slack = await SlackWebApiEmulator.StartAsync(Clock);
        Heroku = await HerokuEmulator.StartAsync(Clock);
        PagerDuty = await PagerDutyEmulator.StartAsync(Clock);
        _oauthApps =
        [
            GitHub.State.OAuth.RegisterClient("Iv23liSwitchboard", new Uri(PublicUrl, "connect/github/callback")),
            Heroku.State.OAuth.RegisterClient(Guid.NewGuid().ToString(), new Uri(PublicUrl, "connect/heroku/callback")),
            PagerDuty.State.OAuth.RegisterClient(Guid.NewGuid().ToString(), new Uri(PublicUrl, "connect/pagerduty/callback")),
        ];
        ArrangeOutsideWorld();
        ConnectionString = await CreateDatabaseAsync();
        Start(Settings);

        await using var scope = _factory!.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<IFirstAdminBootstrap>()
            .CreateFirstAdminAsync("admin@example.com", "Ada Admin", CancellationToken.None);
        // A second server on a database another host made (two processes, one PostgreSQL) acts as the same administrator.
        Admin = admin.Person is { } person
            ? new TestPerson(person.Handle, person.Id, admin.Token!)
            : await TokenForAsync("admin", ActorAccess.ReadWrite, CancellationToken.None);
    }

    /// <summary>
    /// Stops the server and starts it again over the same database, data directory and clock, with these
    /// settings on top of the fixture's, as an operator restarts it (after changing its configuration).
    /// The port changes; clients made before it do not follow.
    /// </summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        await _factory!.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Start(Settings.Concat(settings ?? new Dictionary<string, string>()).GroupBy(s => s.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Value));
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (GitHub is not null)
        {
            await GitHub.DisposeAsync();
        }

        if (YubiCloud is not null)
        {
            await YubiCloud.DisposeAsync();
        }

        if (Duo is not null)
        {
            await Duo.DisposeAsync();
        }

        if (Slack is not null)
        {
            await Slack.DisposeAsync();
        }

        if (Heroku is not null)
        {
            await Heroku.DisposeAsync();
        }

        if (PagerDuty is not null)
        {
            await PagerDuty.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
        GC.SuppressFinalize(this);

        // Every test that runs a host holds it to this: no token, of any kind, in what an operator reads.
        var leaks = ServiceTokens.LeaksIn(_logsOfEveryStart.SelectMany(logs => logs.GetSnapshot()));
        Assert.True(leaks.Count == 0, "The host logged a token:\n" + string.Join('\n', leaks));
    }

    /// <summary>A client that sends the person's API token.</summary>
    public HttpClient ApiClient(TestPerson person)
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", person.Token);
        return client;
    }

    public HttpClient AnonymousClient() => new() { BaseAddress = BaseAddress };

    /// <summary>The running server's services, for a test that drives a part no command reaches yet.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Adds a person with the product's own <c>person add</c>, and gives them an API token.</summary>
    public async Task<TestPerson> AddPersonAsync(string handle, CancellationToken cancellationToken, bool admin = false)
    {
        await RunAsAdminAsync($"person add {handle}@example.com --handle {handle}{(admin ? " --admin" : "")}", cancellationToken);
        return await TokenForAsync(handle, ActorAccess.ReadWrite, cancellationToken);
    }

    /// <summary>
    /// A new token for someone already in the Rolodex, as the console issues one after sign-in:
    /// there is no command to act for someone else, by design.
    /// </summary>
    public async Task<TestPerson> TokenForAsync(string handle, ActorAccess access, CancellationToken cancellationToken)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<IPersonDirectory>().FindAsync("@" + handle, cancellationToken)
            ?? throw new InvalidOperationException($"@{handle} is not in the Rolodex.");
        var token = await scope.ServiceProvider.GetRequiredService<IApiTokenIssuer>()
            .IssueAsync(person.Id, $"test-{Guid.NewGuid():N}", access, cancellationToken);
        return new TestPerson(handle, person.Id, token);
    }

    /// <summary>Runs a command line as the person over <c>POST /api/commands</c>, with its secret input if it takes one.</summary>
    public async Task<ApiOutcome> RunAsync(TestPerson person, string text, CancellationToken cancellationToken, string? idempotencyKey = null, string? secret = null)
    {
        using var client = ApiClient(person);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/commands")
        {
            Content = secret is null ? JsonContent.Create(new { text }) : JsonContent.Create(new { text, secret }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request, cancellationToken);
        return await ApiOutcome.ReadAsync(response, cancellationToken);
    }

    /// <summary>Runs a command as the administrator and fails the test unless it succeeds.</summary>
    public async Task<ApiOutcome> RunAsAdminAsync(string text, CancellationToken cancellationToken)
    {
        var outcome = await RunAsync(Admin, text, cancellationToken);
        Assert.True(outcome.IsSuccess, $"'{text}' failed: {outcome.Code}: {outcome.Detail}");
        return outcome;
    }

    /// <summary>What <c>deliveries failed</c> says once it names the channel, or after 20 s whatever it says then.</summary>
    public async Task<string> FailedDeliveriesNamingAsync(string channel, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var failed = await RunAsAdminAsync("deliveries failed", cancellationToken);
            if (failed.Text?.Contains(channel, StringComparison.Ordinal) == true || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                return failed.Text ?? "";
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Moves the clock a second at a time, past the outbox's backoffs and any Retry-After, until the condition holds.</summary>
    public async Task AdvanceClockUntilAsync(Func<bool> condition, TimeSpan within, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < within, $"The condition did not hold within {within.TotalSeconds} s.");
            await Task.Delay(100, cancellationToken);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>A one-time sign-in link for someone, made with the product's own <c>person invite</c>.</summary>
    public async Task<Uri> SignInLinkAsync(string email, CancellationToken cancellationToken)
    {
        var invite = await RunAsAdminAsync($"person invite {email}", cancellationToken);
        var link = invite.Body.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "link");
        return new Uri(link.GetProperty("url").GetString()!);
    }

    /// <summary>
    /// A sign-in link made the way <c>person invite</c> makes one, but without running a command: for a
    /// test that must leave the audit log and the Rolodex exactly as they were.
    /// </summary>
    public async Task<Uri> SignInLinkForAsync(string handle, CancellationToken cancellationToken)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<IPersonDirectory>().FindAsync("@" + handle, cancellationToken)
            ?? throw new InvalidOperationException($"@{handle} is not in the Rolodex.");
        var link = await scope.ServiceProvider.GetRequiredService<IWebSessions>().IssueLinkAsync(person.Id, person.Id, cancellationToken);
        return new Uri(BaseAddress, "/signin/" + link.Code);
    }

    /// <summary>A browser signed in to the console as the person with this e-mail address.</summary>
    public async Task<ConsoleSession> SignInAsync(string email, CancellationToken cancellationToken)
    {
        var session = new ConsoleSession(BaseAddress);
        var page = await session.SignInAsync(await SignInLinkAsync(email, cancellationToken), cancellationToken);
        Assert.True(page.RedirectedTo == "/", $"Signing in ended on {page.Status}: {page.Text}");
        return session;
    }

    /// <summary>
    /// Runs raw SQL against the database, as someone with direct database access would: for tests of
    /// what Switchboard notices when its tables are changed behind its back.
    /// </summary>
    public async Task ExecuteSqlAsync(string sql, CancellationToken cancellationToken)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>();
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }

    /// <summary>
    /// Reads rows with plain SQL, as someone with a copy of the database and nothing else would: each row
    /// is its columns by name, as the provider returns them (text, numbers, byte arrays).
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadSqlAsync(string sql, CancellationToken cancellationToken)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<SwitchboardDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }

    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>
    /// Sets up the emulated outside world before the host starts, for what <see cref="Settings"/> must name:
    /// a GitHub hook's id, a token the emulator accepts.
    /// </summary>
    protected virtual void ArrangeOutsideWorld()
    {
    }

    /// <summary>
    /// Runs the action in a new scope of the server's services, for a fixture that drives a part no command reaches
    /// yet; it stays protected, so tests still see only what the fixture's intent methods show.
    /// </summary>
    protected async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private void Start(IReadOnlyDictionary<string, string> settings)
    {
        _factory = new Factory(builder => Configure(
                builder
                    .UseSetting("GitHub:ApiUrl", GitHub.ApiUrl.ToString())
                    .UseSetting("Trust:YubiCloud:ValidationUrl", YubiCloud.ValidationUrl.ToString())
                    .UseSetting("Trust:YubiCloud:ClientId", YubiCloudEmulator.ClientId)
                    .UseSetting("Trust:YubiCloud:ApiKey", YubiCloud.ApiKey)
                    .UseSetting("Trust:Duo:ApiUrl", Duo.ApiUrl.AbsoluteUri)
                    .UseSetting("Trust:Duo:IntegrationKey", Duo.State.IntegrationKey)
                    .UseSetting("Trust:Duo:SecretKey", Duo.State.SecretKey)
                    .UseSetting("Slack:ApiBaseUrl", Slack.ApiUrl.ToString())
                    .UseSetting("Slack:BotToken", Slack.State.BotToken)
                    .UseSetting("Slack:RequestTimeout", "00:00:03")
                    .UseSetting("Switchboard:PublicUrl", PublicUrl.AbsoluteUri)
                    .UseSetting("OAuth:GitHub:ClientId", _oauthApps[0].ClientId)
                    .UseSetting("OAuth:GitHub:ClientSecret", _oauthApps[0].ClientSecret)
                    .UseSetting("OAuth:GitHub:AuthorizeUrl", GitHub.AuthorizeUrl.AbsoluteUri)
                    .UseSetting("OAuth:GitHub:TokenUrl", GitHub.TokenUrl.AbsoluteUri)
                    .UseSetting("OAuth:GitHub:ApiBaseUrl", GitHub.ApiUrl.AbsoluteUri)
                    .UseSetting("OAuth:Heroku:ClientId", _oauthApps[1].ClientId)
                    .UseSetting("OAuth:Heroku:ClientSecret", _oauthApps[1].ClientSecret)
                    .UseSetting("OAuth:Heroku:AuthorizeUrl", Heroku.AuthorizeUrl.AbsoluteUri)
                    .UseSetting("OAuth:Heroku:TokenUrl", Heroku.TokenUrl.AbsoluteUri)
                    .UseSetting("OAuth:Heroku:ApiBaseUrl", Heroku.ApiUrl.AbsoluteUri)
                    .UseSetting("OAuth:PagerDuty:ClientId", _oauthApps[2].ClientId)
                    .UseSetting("OAuth:PagerDuty:ClientSecret", _oauthApps[2].ClientSecret)
                    .UseSetting("OAuth:PagerDuty:AuthorizeUrl", PagerDuty.AuthorizeUrl.AbsoluteUri)
                    .UseSetting("OAuth:PagerDuty:TokenUrl", PagerDuty.TokenUrl.AbsoluteUri)
                    .UseSetting("OAuth:PagerDuty:RevokeUrl", PagerDuty.RevokeUrl.AbsoluteUri)
                    .UseSetting("OAuth:PagerDuty:ApiBaseUrl", PagerDuty.ApiUrl.AbsoluteUri),
                settings)
            .UseSetting("urls", "http://127.0.0.1:0")
            .UseSetting("Database:Provider", Provider)
            .UseSetting("ConnectionStrings:Switchboard", ConnectionString)
            .UseSetting("Switchboard:DataDirectory", DataDirectory)
            .ConfigureLogging(logging => logging.ClearProviders().AddFakeLogging())
            .ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock).AddSingleton<IMeterFactory, ProcessLifetimeMeters>()));
        _factory.UseKestrel(0);
        _factory.StartServer();
        Logs = _factory.Services.GetRequiredService<FakeLogCollector>();
        _logsOfEveryStart.Add(Logs);
    }

    private static IWebHostBuilder Configure(IWebHostBuilder builder, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        return builder;
    }

    private sealed class Factory(Action<IWebHostBuilder> configure) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => configure(builder);
    }
}

/// <summary>A person in the test's Rolodex and the API token that acts as them.</summary>
public sealed record TestPerson(string Handle, PersonId Id, string Token);

/// <summary>A SQLite file in a temporary directory, new for each test class.</summary>
public class SqliteHost : SwitchboardHost
{
    /// <summary>The SQLite file, as an operator would copy it for a backup.</summary>
    public string DatabaseFile => Path.Combine(DataDirectory, "switchboard.db");

    protected override string Provider => "Sqlite";

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult($"Data Source={DatabaseFile};Pooling=True;Default Timeout=30");
}

/// <summary>A new database on the assembly's PostgreSQL server, for each test class.</summary>
public sealed class PostgresHost(PostgresServer server) : SwitchboardHost
{
    protected override string Provider => "Postgres";

    protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();
}
