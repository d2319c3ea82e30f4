using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Emulators.GitHub;
using Switchboard.Emulators.Heroku;
using Switchboard.Emulators.Heroku.Platform;
using Switchboard.Modules.Deploy.Targets;
using Switchboard.Modules.Deploy.Targets.Heroku;
using Switchboard.Testing;

namespace Switchboard.Modules.Deploy.Tests.Targets;

/// <summary>
/// The server with the <c>heroku</c> and <c>github</c> targets added and pointed at the emulators, and Heroku apps
/// <c>acme-api-staging</c> and <c>acme-api-production</c> coupled in a pipeline. <see cref="RunTargetAsync"/> runs a
/// target alone from a scope of the server's services, as the runner does; the deploy commands run them for people in
/// team <c>acme</c> (<see cref="JoinTeamAsync"/>), which owns services <c>api</c> and <c>web</c>.
/// People connect Heroku and GitHub through the console's OAuth flow, so the targets get their tokens from the Rolodex.
/// </summary>
public sealed class DeployTargetsHost : SqliteHost
{
    public const string ApiRepository = "acme/api";
    public const string WebRepository = "acme/web";

    private long _nextJob;
    private bool _teamArranged;

    /// <summary>The Heroku account that owns the apps; members add themselves with <see cref="AddHerokuMember"/>.</summary>
    public HerokuAccount Owner { get; private set; } = null!;

    public HerokuApp Staging { get; private set; } = null!;

    public HerokuApp Production { get; private set; } = null!;

    public HerokuPipeline Pipeline { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Deploy:Heroku:ApiBaseUrl"] = Heroku.ApiUrl.AbsoluteUri,
        ["Deploy:Heroku:PollInterval"] = "00:00:00",
        ["Deploy:GitHub:PollInterval"] = "00:00:00",
        ["Deploy:Apps:api:Environments:staging:Target"] = "heroku",
        ["Deploy:Apps:api:Environments:staging:App"] = Staging.Name,
        ["Deploy:Apps:api:Repository"] = ApiRepository,
        ["Deploy:Apps:api:Service"] = "api",
        ["Deploy:Apps:api:Pipeline:0"] = "staging",
        ["Deploy:Apps:api:Pipeline:1"] = "production",
        ["Deploy:Apps:api:Environments:staging:Pipeline"] = Pipeline.Id.ToString(),
        ["Deploy:Apps:api:Environments:production:Target"] = "heroku",
        ["Deploy:Apps:api:Environments:production:App"] = Production.Name,
        ["Deploy:Apps:api:Environments:production:Pipeline"] = Pipeline.Id.ToString(),
        ["Deploy:Apps:web:Environments:staging:Target"] = "github",
        ["Deploy:Apps:web:Repository"] = WebRepository,
        ["Deploy:Apps:web:Service"] = "web",
        ["Deploy:Apps:web:Environments:staging:RequiredContexts:0"] = "ci/test",
        ["Deploy:Apps:web:Environments:production:Target"] = "github",
        ["Deploy:Apps:web:Environments:production:RequiredContexts"] = "",
    };

    /// <summary>Makes a Heroku account that the apps list as a collaborator.</summary>
    public HerokuAccount AddHerokuMember(string email)
    {
        var account = Heroku.State.AddAccount(email);
        Staging.AddCollaborator(account);
        Production.AddCollaborator(account);
        return account;
    }

    /// <summary>A person who has connected the Heroku account and a new GitHub account through the console.</summary>
    public async Task<(TestPerson Person, GitHubUser GitHubUser)> AddDeployerAsync(string handle, HerokuAccount? heroku, CancellationToken cancellationToken)
    {
        var person = await AddPersonAsync(handle, cancellationToken);
        using var browser = await SignInAsync($"{handle}@example.com", cancellationToken);
        if (heroku is not null)
        {
            Heroku.State.OAuth.SignedIn = heroku;
            Assert.Contains("Connected", (await ServiceAuthorization.ConnectAsync(browser, "heroku", cancellationToken)).Text, StringComparison.Ordinal);
        }

        var githubUser = GitHub.State.AddUser(handle + "-gh");
        GitHub.State.OAuth.SignedIn = githubUser;
        Assert.Contains("Connected", (await ServiceAuthorization.ConnectAsync(browser, "github", cancellationToken)).Text, StringComparison.Ordinal);
        return (person, githubUser);
    }

    /// <summary>Makes the person a member of team <c>acme</c>, so they may deploy its apps with the commands.</summary>
    public async Task JoinTeamAsync(TestPerson person, CancellationToken cancellationToken)
    {
        if (!_teamArranged)
        {
            await RunAsAdminAsync("team create acme", cancellationToken);
            await RunAsAdminAsync("channel create acme", cancellationToken);
            await RunAsAdminAsync("service create api --team acme --channel #acme", cancellationToken);
            await RunAsAdminAsync("service create web --team acme --channel #acme", cancellationToken);
            _teamArranged = true;
        }

        await RunAsAdminAsync($"team add acme @{person.Handle} --role member", cancellationToken);
    }

    /// <summary>Runs the environment's target for the person, as the deploy runner does, and records what it reported.</summary>
    internal Task<TargetRun> RunTargetAsync(
        TestPerson person, string app, string environment, DeployAction action, CancellationToken cancellationToken,
        string? @ref = null, string? from = null, string? release = null) =>
        InScopeAsync(async services =>
        {
            var settings = services.GetRequiredService<IConfiguration>().GetSection($"Deploy:Apps:{app}:Environments:{environment}");
            var target = services.GetServices<IDeployTarget>().Single(t => t.Name == settings["Target"]);
            var job = new DeployJob(Interlocked.Increment(ref _nextJob), app, environment, action, @ref, from, release, person.Id, person.Handle, settings);
            var progress = new RecordedProgress();
            var outcome = await target.RunAsync(job, progress, cancellationToken);
            return new TargetRun(outcome, progress);
        });

    /// <summary>What <c>status</c> will show for the Heroku app, read as the person.</summary>
    internal Task<HerokuAppStatus> HerokuStatusAsync(TestPerson person, string herokuApp, CancellationToken cancellationToken) =>
        InScopeAsync(services => services.GetRequiredService<HerokuStatus>().ReadAsync(person.Id, herokuApp, cancellationToken));

    protected override void ArrangeOutsideWorld()
    {
        Owner = Heroku.State.AddAccount("owner@acme.example");
        Staging = Heroku.State.Platform.AddApp("acme-api-staging", Owner);
        Production = Heroku.State.Platform.AddApp("acme-api-production", Owner);
        Pipeline = Heroku.State.Platform.AddPipeline("acme-api", (Staging, "staging"), (Production, "production"));
        Heroku.State.Platform.AddAddOn(Production, "heroku-postgresql", "essential-0");
    }

}

/// <summary>What a target answered and everything it reported on the way.</summary>
internal sealed record TargetRun(DeployOutcome Outcome, RecordedProgress Progress);

/// <summary>The steps and lines a target reported, in order, as the deployment's message and thread will show them.</summary>
internal sealed class RecordedProgress : IDeployProgress
{
    private readonly List<string> _steps = [];
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Steps => _steps;

    public IReadOnlyList<string> Lines => _lines;

    public Task StepAsync(string step, CancellationToken cancellationToken)
    {
        _steps.Add(step);
        return Task.CompletedTask;
    }

    public Task OutputAsync(string line, CancellationToken cancellationToken)
    {
        _lines.Add(line);
        return Task.CompletedTask;
    }
}
