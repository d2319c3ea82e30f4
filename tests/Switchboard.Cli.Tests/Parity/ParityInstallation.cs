using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.People;
using Switchboard.Emulators.PagerDuty;
using Switchboard.Emulators.Slack.Requests;
using Switchboard.Emulators.Slack.WebApi;
using Switchboard.Testing;
using SlackUser = Switchboard.Emulators.Slack.Requests.SlackUser;

namespace Switchboard.Cli.Tests.Parity;

/// <summary>
/// One installation of the parity test, set up exactly like the others: a Slack app whose signed requests it accepts,
/// with the administrator's Slack account proven theirs; paging pointed at this host's PagerDuty emulator; and one
/// GitHub event in the log for the examples of <c>events</c> to show and replay. <see cref="PreparePagingAsync"/>
/// later gives PagerDuty what the paging commands' lines name.
/// </summary>
internal sealed partial class ParityInstallation : SqliteHost
{
    /// <summary>The incident the paging lines act on: PagerDuty's documentation's own example id.</summary>
    public const string Incident = "PT4KHLK";

    /// <summary>The PagerDuty service the examples link to the catalog's service <c>api</c> (owned by team <c>ops</c>).</summary>
    public const string PagingService = "PF9KMXH";

    private const string SigningSecret = "parity-slack-signing-secret";
    private const string WebhookSecret = "parity-webhook-secret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The administrator in Slack: the same member of the same workspace on every installation.</summary>
    public static SlackUser AdminOnSlack { get; } = new(SlackState.TeamId, "U0PARITY01", "admin");

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Slack:SigningSecret"] = SigningSecret,
        ["Paging:ApiUrl"] = PagerDuty.ApiUrl.AbsoluteUri,
        ["Paging:ApiKey"] = PagerDuty.State.ApiKey,
        ["Paging:DefaultService"] = PagingService,
        ["Hooks:github:Secrets:0"] = WebhookSecret,
    };

    public static async Task<ParityInstallation> StartAsync(CancellationToken cancellationToken)
    {
        var installation = new ParityInstallation();
        await installation.InitializeAsync();
        await installation.LinkAdminsSlackAccountAsync(cancellationToken);
        await installation.PostGitHubAsync(Webhooks.Fixture("github/issues/opened.payload.json"), "issues", "parity-delivery-1", WebhookSecret, cancellationToken);
        await installation.EventuallyAsync("parity-delivery-1", "handled", cancellationToken);
        return installation;
    }

    /// <summary>Sends <c>/sb {line}</c> as the administrator, signed as Slack signs it, and returns what Switchboard posted to its response URL.</summary>
    public async Task<RecordedSlackPost> SlashCommandAsync(SlackResponseRecorder responses, string line, CancellationToken cancellationToken)
    {
        using var sender = new SlackSender(BaseAddress, SigningSecret, Clock);
        var responseUrl = responses.NewResponseUrl(AdminOnSlack.TeamId);
        using var acknowledged = await sender.SlashCommandAsync(AdminOnSlack, line, responseUrl, cancellationToken);
        Assert.True(acknowledged.StatusCode == HttpStatusCode.OK, $"Slack's request for '{line}' was answered {acknowledged.StatusCode}.");
        return await responses.WaitForAsync(responseUrl, Patience, cancellationToken);
    }

    /// <summary>
    /// PagerDuty as the paging commands' lines expect it: the service <see cref="PagingService"/> with a three-level
    /// escalation policy and the triggered incident <see cref="Incident"/> on it, and the PagerDuty accounts of the
    /// administrator and of @bob (whom the examples add) proven theirs through the console's OAuth flow.
    /// </summary>
    public async Task PreparePagingAsync(CancellationToken cancellationToken)
    {
        var state = PagerDuty.State;
        var admin = state.AddUser("admin@example.com", "Ada Admin");
        var bob = state.AddUser("bob@example.com", "bob");
        var carol = state.AddUser("carol@example.com", "Carol Example");
        var service = state.AddService("api", state.AddEscalationPolicy("api-primary", [admin], [bob], [carol]), PagingService);
        PagerDuty.Trigger(service, "Database connections exhausted", id: Incident);
        await ConnectPagerDutyAsync("admin", admin, cancellationToken);
        await ConnectPagerDutyAsync("bob", bob, cancellationToken);
    }

    /// <summary>
    /// Proves the administrator's Slack account theirs with a code from <c>rolodex link slack</c>, redeemed as
    /// <c>/sb link</c> redeems it; sending <c>/sb link</c> itself would leave a request in the log whose keys differ per installation.
    /// </summary>
    private async Task LinkAdminsSlackAccountAsync(CancellationToken cancellationToken)
    {
        Slack.State.AddUser(AdminOnSlack.UserName, "Ada Admin", "admin@example.com", id: AdminOnSlack.UserId);
        var issued = await RunAsAdminAsync("rolodex link slack", cancellationToken);
        Assert.True(issued.IsSuccess, issued.Detail);
        var code = LinkCode().Match(issued.Text!).Value;
        var proof = await InScopeAsync(services => services.GetRequiredService<IIdentityLinkCodes>()
            .RedeemAsync(code, new ServiceIdentity("slack", AdminOnSlack.TeamId, AdminOnSlack.UserId), cancellationToken));
        Assert.True(proof.Person is not null, proof.Error?.Detail);
    }

    private async Task ConnectPagerDutyAsync(string handle, PagerDutyUser user, CancellationToken cancellationToken)
    {
        using var browser = new ConsoleSession(BaseAddress);
        await browser.SignInAsync(await SignInLinkForAsync(handle, cancellationToken), cancellationToken);
        PagerDuty.State.OAuth.SignedIn = user;
        var connected = await ServiceAuthorization.ConnectAsync(browser, "pagerduty", cancellationToken);
        Assert.True(connected.Status == HttpStatusCode.OK, $"Connecting @{handle}'s PagerDuty account answered {connected.Status}: {connected.Text}");
    }

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex LinkCode();
}
