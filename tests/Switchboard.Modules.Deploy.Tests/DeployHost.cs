using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Testing;

namespace Switchboard.Modules.Deploy.Tests;

/// <summary>
/// The real host with two apps that deploy through the script target running <c>RunDeployment/deploy.sh</c>:
/// <c>api</c> (staging then production, where production needs a second factor and a lead's approval) and <c>web</c>
/// (staging gated on CI contexts <c>ci/build</c> and <c>tests</c> of <c>octo/web</c>), both owned by service <c>api</c>
/// of team <c>payments</c>, whose news goes to <c>#payments</c>; change notices go to <c>#changes</c>, suspect actions to <c>#security</c>.
/// </summary>
public static partial class DeployHost
{
    /// <summary>The secret of <c>alerts</c>, a custom webhook source whose events open and close alerts on services.</summary>
    public const string AlertsSecret = "alerts-secret";

    /// <summary>
    /// Where a test lets a deployment of the ref <c>held</c> finish, by writing a file named by its number: one
    /// directory per host, since every host numbers its deployments from 1.
    /// </summary>
    private const string ReleaseDirectorySetting = "Tests:ReleaseDirectory";

    public static Dictionary<string, string> Settings()
    {
        var releaseDirectory = Directory.CreateTempSubdirectory("switchboard-deploy-release-").FullName;
        var script = $"RELEASE_DIR='{releaseDirectory}' sh '{Path.Combine(AppContext.BaseDirectory, "RunDeployment", "deploy.sh")}'";
        return new Dictionary<string, string>
        {
            [ReleaseDirectorySetting] = releaseDirectory,
            ["Trust:SecurityChannel"] = "security",
            ["Hooks:alerts:Secrets:0"] = AlertsSecret,
            ["Deploy:ChangeControlChannel"] = "changes",
            ["Deploy:Apps:api:Service"] = "api",
            ["Deploy:Apps:api:Pipeline:0"] = "staging",
            ["Deploy:Apps:api:Pipeline:1"] = "production",
            ["Deploy:Apps:api:Environments:staging:Target"] = "script",
            ["Deploy:Apps:api:Environments:staging:Command"] = script,
            ["Deploy:Apps:api:Environments:production:Target"] = "script",
            ["Deploy:Apps:api:Environments:production:Command"] = script,
            ["Deploy:Apps:api:Environments:production:Assurance"] = "verified",
            ["Deploy:Apps:api:Environments:production:Approval"] = "lead",
            ["Deploy:Apps:web:Service"] = "api",
            ["Deploy:Apps:web:Repository"] = "octo/web",
            ["Deploy:Apps:web:Environments:staging:Target"] = "script",
            ["Deploy:Apps:web:Environments:staging:Command"] = script,
            ["Deploy:Apps:web:Environments:staging:RequiredContexts:0"] = "ci/build",
            ["Deploy:Apps:web:Environments:staging:RequiredContexts:1"] = "tests",
        };
    }

    /// <summary>The team, its channel, the service and the change-control channel; each later call is told they exist.</summary>
    public static async Task ArrangeCatalogAsync(SwitchboardHost host, CancellationToken cancellationToken)
    {
        await host.RunAsync(host.Admin, "team create payments", cancellationToken);
        await host.RunAsync(host.Admin, "channel create payments", cancellationToken);
        await host.RunAsync(host.Admin, "channel create changes", cancellationToken);
        await host.RunAsync(host.Admin, "channel create security", cancellationToken);
        await host.RunAsync(host.Admin, "service create api --team payments --channel #payments", cancellationToken);
    }

    /// <summary>Someone in team payments with the role given.</summary>
    public static async Task<TestPerson> MemberAsync(SwitchboardHost host, string handle, CancellationToken cancellationToken, string role = "member")
    {
        var person = await host.AddPersonAsync(handle, cancellationToken);
        await host.RunAsAdminAsync($"team add payments @{handle} --role {role}", cancellationToken);
        return person;
    }

    /// <summary>The deployment's number in the reply that started it: <c>Deployment: #12</c>.</summary>
    public static long NumberIn(ApiOutcome outcome)
    {
        Assert.True(outcome.IsSuccess, $"{outcome.Code}: {outcome.Detail}");
        return long.Parse(DeploymentNumber().Match(outcome.Text!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What <c>deploys show</c> says once the deployment has ended, or after 30 s whatever it says then.</summary>
    public static async Task<ApiOutcome> EndedAsync(SwitchboardHost host, TestPerson person, long id, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var shown = await host.RunAsync(person, $"deploys show {id}", cancellationToken);
            // Its first line is its state; output below it may say "succeeded" of a step (Heroku's "Build succeeded!").
            var state = (shown.Text ?? "").Split('\n')[0];
            if (state.Contains(" succeeded", StringComparison.Ordinal) || state.Contains(" failed: ", StringComparison.Ordinal) || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return shown;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>The messages of a built-in channel once one contains <paramref name="expected"/>, or after 20 s all of them.</summary>
    public static async Task<List<string>> MessagesAsync(SwitchboardHost host, string channel, string expected, CancellationToken cancellationToken)
    {
        using var client = host.ApiClient(host.Admin);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var messages = await client.GetFromJsonAsync<JsonElement>($"/api/channels/{channel}/messages?limit=500", cancellationToken);
            var texts = messages.EnumerateArray().Select(m => m.ToString()).ToList();
            if (texts.Any(t => t.Contains(expected, StringComparison.Ordinal)) || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                return texts;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public static Task ReleaseAsync(SwitchboardHost host, long id, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(
            Path.Combine(host.Services.GetRequiredService<IConfiguration>()[ReleaseDirectorySetting]!, id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "go",
            cancellationToken);

    [GeneratedRegex(@"^Deployment: #(\d+)$", RegexOptions.Multiline)]
    private static partial Regex DeploymentNumber();
}

/// <summary>The deploy host on SQLite.</summary>
public sealed class DeploySqliteHost : SqliteHost
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = DeployHost.Settings();
}
