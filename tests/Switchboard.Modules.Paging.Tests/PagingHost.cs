using Switchboard.Emulators.PagerDuty;
using Switchboard.Testing;

namespace Switchboard.Modules.Paging.Tests;

/// <summary>
/// The host with paging pointed at the PagerDuty emulator (its REST API and the account key), and PagerDuty's v3
/// webhooks (and GitHub's and Sentry's, for a service's timeline) signed with a secret the host knows; <see cref="AddConnectedPersonAsync"/> proves a person's PagerDuty account the
/// way people do, through the console's OAuth flow.
/// </summary>
public sealed class PagingHost : SqliteHost
{
    public const string WebhookSecret = "paging-webhook-secret";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Paging:ApiUrl"] = PagerDuty.ApiUrl.AbsoluteUri,
        ["Paging:ApiKey"] = PagerDuty.State.ApiKey,
        ["Hooks:pagerduty:Secrets:0"] = WebhookSecret,
        ["Hooks:github:Secrets:0"] = WebhookSecret,
        ["Hooks:sentry:Secrets:0"] = WebhookSecret,
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

    /// <summary>Points the emulator's v3 webhook subscription at this host's <c>/hooks/pagerduty</c>.</summary>
    public void SubscribeToPagerDutyWebhooks() =>
        PagerDuty.State.Webhook = new PagerDutyWebhookSubscription(new Uri(BaseAddress, "/hooks/pagerduty"), WebhookSecret);
}
