using System.Text.RegularExpressions;
using Switchboard.Emulators.PagerDuty;
using Switchboard.Emulators.Slack.Requests;
using Switchboard.Emulators.Slack.WebApi;
using Switchboard.Testing;

namespace Switchboard.Modules.Paging.Tests;

/// <summary>
/// The host with paging pointed at the PagerDuty emulator (its REST API and the account key), and PagerDuty's v3
/// webhooks (and GitHub's and Sentry's, for a service's timeline) signed with a secret the host knows; <see cref="AddConnectedPersonAsync"/> proves a person's PagerDuty account the
/// way people do, through the console's OAuth flow, and <see cref="AddSlackAccountAsync"/> their Slack account with a code sent
/// back in a request Slack signed.
/// </summary>
public sealed partial class PagingHost : SqliteHost
{
    public const string WebhookSecret = "paging-webhook-secret";
    public const string SlackSigningSecret = "paging-slack-signing-secret";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Paging:ApiUrl"] = PagerDuty.ApiUrl.AbsoluteUri,
        ["Paging:ApiKey"] = PagerDuty.State.ApiKey,
        ["Hooks:pagerduty:Secrets:0"] = WebhookSecret,
        ["Hooks:github:Secrets:0"] = WebhookSecret,
        ["Hooks:sentry:Secrets:0"] = WebhookSecret,
        ["Slack:SigningSecret"] = SlackSigningSecret,
    };

    /// <summary>A person in the Rolodex whose PagerDuty account (a new emulated user) PagerDuty proved theirs by OAuth.</summary>
    public async Task<(TestPerson Person, PagerDutyUser User)> AddConnectedPersonAsync(string handle, CancellationToken cancellationToken)
    {
        var person = await AddPersonAsync(handle, cancellationToken);
        var user = PagerDuty.State.AddUser($"{handle}@example.com", handle);
        using var browser = await SignInAsync($"{handle}@example.com", cancellationToken);
        PagerDuty.State.OAuth.SignedIn = user;
        var connected = await ServiceAuthorization.ConnectAsync(browser, "pagerduty", cancellationToken);
        Assert.True(connected.Status == System.Net.HttpStatusCode.OK, $"Connecting PagerDuty answered {connected.Status}: {connected.Text}");
        return (person, user);
    }

    /// <summary>
    /// A new member of the Slack emulator's workspace for the person: proven theirs by <c>/sb link &lt;code&gt;</c> as people do
    /// when <paramref name="proven"/>, else only claimed by them with <c>rolodex link slack</c>.
    /// </summary>
    public async Task<Emulators.Slack.WebApi.SlackUser> AddSlackAccountAsync(TestPerson person, bool proven, CancellationToken cancellationToken)
    {
        var user = Slack.State.AddUser(person.Handle, person.Handle, $"{person.Handle}@example.com");
        if (!proven)
        {
            var claimed = await RunAsync(person, $"rolodex link slack {user.Id} --workspace {SlackState.TeamId}", cancellationToken);
            Assert.True(claimed.IsSuccess, claimed.Detail);
            return user;
        }

        var asked = await RunAsync(person, "rolodex link slack", cancellationToken);
        Assert.True(asked.IsSuccess, asked.Detail);
        await using var responses = await SlackResponseRecorder.StartAsync(cancellationToken);
        using var sender = new SlackSender(BaseAddress, SlackSigningSecret, Clock);
        var responseUrl = responses.NewResponseUrl(SlackState.TeamId);
        using var ack = await sender.SlashCommandAsync(
            new Emulators.Slack.Requests.SlackUser(SlackState.TeamId, user.Id, person.Handle), "link " + LinkCode().Match(asked.Text!).Value, responseUrl, cancellationToken);
        var linked = await responses.WaitForAsync(responseUrl, TimeSpan.FromSeconds(30), cancellationToken);
        Assert.StartsWith("Linked:", linked.Text("text"), StringComparison.Ordinal);
        return user;
    }

    /// <summary>Points the emulator's v3 webhook subscription at this host's <c>/hooks/pagerduty</c>.</summary>
    public void SubscribeToPagerDutyWebhooks() =>
        PagerDuty.State.Webhook = new PagerDutyWebhookSubscription(new Uri(BaseAddress, "/hooks/pagerduty"), WebhookSecret);

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex LinkCode();
}
