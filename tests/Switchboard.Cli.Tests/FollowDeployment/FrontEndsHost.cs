using System.Text.RegularExpressions;
using OtpNet;
using Switchboard.Emulators.Slack.Requests;
using Switchboard.Emulators.Slack.WebApi;
using Switchboard.Testing;
using SlackUser = Switchboard.Emulators.Slack.Requests.SlackUser;

namespace Switchboard.Cli.Tests.FollowDeployment;

/// <summary>
/// The real host with a Slack app (signed requests through <see cref="Sender"/>, answers to <see cref="Responses"/>, posts to
/// the Web API emulator) and one app per front end, <c>chat-api</c>, <c>console-api</c> and <c>cli-api</c>, each deploying
/// through a script to staging and promoted to production, where production needs a second factor and a lead's approval.
/// All belong to service <c>api</c> of team <c>payments</c>, whose channel <c>#payments</c> is bound to the Slack channel
/// <see cref="SlackChannel"/>. The script holds a deployment of the ref <c>held</c> until <see cref="ReleaseAsync"/>.
/// </summary>
public sealed partial class FrontEndsHost : SqliteHost, IAsyncLifetime
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _releaseDirectory = Directory.CreateTempSubdirectory("switchboard-release-").FullName;

    public static IReadOnlyList<string> Apps { get; } = ["chat-api", "console-api", "cli-api"];

    public SlackResponseRecorder Responses { get; private set; } = null!;

    public SlackSender Sender { get; private set; } = null!;

    /// <summary>The Slack channel that <c>#payments</c> also posts to, where the deployments' live messages show.</summary>
    public string SlackChannel { get; private set; } = "";

    protected override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var script = $"""
                echo "Deploying $SWITCHBOARD_APP@$SWITCHBOARD_REF to $SWITCHBOARD_ENVIRONMENT as $SWITCHBOARD_PERSON"
                echo "-----> Migrating"
                if [ "$SWITCHBOARD_REF" = "held" ]; then
                  while [ ! -f "{_releaseDirectory}/$SWITCHBOARD_DEPLOY_ID" ]; do sleep 0.05; done
                fi
                echo "done"
                """;
            var settings = new Dictionary<string, string> { ["Slack:SigningSecret"] = SigningSecret };
            foreach (var app in Apps)
            {
                settings[$"Deploy:Apps:{app}:Service"] = "api";
                settings[$"Deploy:Apps:{app}:Pipeline:0"] = "staging";
                settings[$"Deploy:Apps:{app}:Pipeline:1"] = "production";
                settings[$"Deploy:Apps:{app}:Environments:staging:Target"] = "script";
                settings[$"Deploy:Apps:{app}:Environments:staging:Command"] = script;
                settings[$"Deploy:Apps:{app}:Environments:production:Target"] = "script";
                settings[$"Deploy:Apps:{app}:Environments:production:Command"] = script;
                settings[$"Deploy:Apps:{app}:Environments:production:Assurance"] = "verified";
                settings[$"Deploy:Apps:{app}:Environments:production:Approval"] = "lead";
            }

            return settings;
        }
    }

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        Responses = await SlackResponseRecorder.StartAsync();
        await InitializeAsync();
        Sender = new SlackSender(BaseAddress, SigningSecret, Clock);
        var cancellationToken = CancellationToken.None;
        SlackChannel = Slack.State.AddChannel("payments-deploys").Id;
        await RunAsAdminAsync("team create payments", cancellationToken);
        await RunAsAdminAsync("channel create payments", cancellationToken);
        await RunAsAdminAsync($"channel bind #payments slack:{SlackChannel}", cancellationToken);
        await RunAsAdminAsync("service create api --team payments --channel #payments", cancellationToken);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        Sender?.Dispose();
        await DisposeAsync();
        if (Responses is not null)
        {
            await Responses.DisposeAsync();
        }

        Directory.Delete(_releaseDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Someone in team payments with the role given.</summary>
    public async Task<TestPerson> MemberAsync(string handle, string role, CancellationToken cancellationToken)
    {
        var person = await AddPersonAsync(handle, cancellationToken);
        await RunAsAdminAsync($"team add payments @{handle} --role {role}", cancellationToken);
        return person;
    }

    /// <summary>An authenticator app the person enrolls for their second factor with the product's commands, as they would.</summary>
    public async Task<Totp> AuthenticatorAsync(TestPerson person, CancellationToken cancellationToken)
    {
        var enrolled = await RunAsync(person, "factors enroll totp", cancellationToken);
        Assert.True(enrolled.IsSuccess, $"{enrolled.Code}: {enrolled.Detail}");
        var authenticator = new Totp(Base32Encoding.ToBytes(enrolled.Field("Secret")));
        var confirmed = await RunAsync(person, $"factors confirm totp {CodeOf(authenticator)}", cancellationToken);
        Assert.True(confirmed.IsSuccess, $"{confirmed.Code}: {confirmed.Detail}");
        return authenticator;
    }

    /// <summary>The code the authenticator app shows at the next time step: each code verifies once.</summary>
    public string NextCode(Totp authenticator)
    {
        Clock.Advance(TimeSpan.FromSeconds(30));
        return CodeOf(authenticator);
    }

    /// <summary>The person's Slack account, known to Slack's <c>users.info</c> and linked to them the way a person links it.</summary>
    public async Task<SlackUser> SlackAccountAsync(TestPerson person, CancellationToken cancellationToken)
    {
        var user = new SlackUser(SlackState.TeamId, "U" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), person.Handle);
        Slack.State.AddUser(person.Handle, person.Handle, $"{person.Handle}@example.com", id: user.UserId);
        var asked = await RunAsync(person, "rolodex link slack", cancellationToken);
        Assert.True(asked.IsSuccess, asked.Detail);
        var linked = await SlashCommandAsync(user, "link " + LinkCode().Match(asked.Text!).Value, cancellationToken);
        Assert.StartsWith("Linked:", linked, StringComparison.Ordinal);
        return user;
    }

    /// <summary>Sends <c>/sb {text}</c> signed as Slack signs it, and answers what Switchboard posted to its response URL, as Slack shows it.</summary>
    public async Task<string> SlashCommandAsync(SlackUser user, string text, CancellationToken cancellationToken)
    {
        var responseUrl = Responses.NewResponseUrl(user.TeamId);
        using var ack = await Sender.SlashCommandAsync(user, text, responseUrl, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, ack.StatusCode);
        var answer = await Responses.WaitForAsync(responseUrl, Patience, cancellationToken);
        return answer.Text("text")!.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    /// <summary>The text of the Slack channel's message that shows a deployment once it reads <paramref name="expected"/>.</summary>
    public async Task<string> SlackShowsAsync(long deployment, string expected, CancellationToken cancellationToken)
    {
        string? shown = null;
        await Eventually.HoldsAsync(
            () => (shown = Slack.State.MessagesIn(SlackChannel).Select(m => m.Text ?? "").FirstOrDefault(t => t.Contains($"#{deployment}: ", StringComparison.Ordinal) && t.Contains(expected, StringComparison.Ordinal))) is not null,
            cancellationToken);
        return shown!;
    }

    /// <summary>Lets the script of a deployment of the ref <c>held</c> go on to its end.</summary>
    public Task ReleaseAsync(long deployment, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(_releaseDirectory, deployment.ToString(System.Globalization.CultureInfo.InvariantCulture)), "go", cancellationToken);

    /// <summary>The deployment a reply names in its <c>Deployment: #12</c> field.</summary>
    public static long DeploymentIn(string reply)
    {
        var match = DeploymentNumber().Match(reply);
        Assert.True(match.Success, $"No deployment in: {reply}");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The approval request a refusal names: <c>It is request 12</c>.</summary>
    public static string RequestIn(string refusal)
    {
        var match = ApprovalRequest().Match(refusal);
        Assert.True(match.Success, $"No approval request in: {refusal}");
        return match.Groups[1].Value;
    }

    private string CodeOf(Totp authenticator) => authenticator.ComputeTotp(Clock.GetUtcNow().UtcDateTime);

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex LinkCode();

    [GeneratedRegex(@"Deployment:?\**\s+#(\d+)")]
    private static partial Regex DeploymentNumber();

    [GeneratedRegex(@"request (\d+),")]
    private static partial Regex ApprovalRequest();
}
