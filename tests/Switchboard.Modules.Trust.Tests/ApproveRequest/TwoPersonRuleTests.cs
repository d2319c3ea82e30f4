using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchboard.Testing;

namespace Switchboard.Modules.Trust.Tests.ApproveRequest;

/// <summary>
/// The two-person rule over the real host with its fake clock, with <c>person disable</c> configured to need the
/// approval of a lead of <c>platform</c> (the team owning the Rolodex): dispatch keeps the request, another lead
/// approves or denies it, it runs once as its requester, and it expires, survives a restart and is cancelled
/// when its requester is disabled.
/// </summary>
public sealed partial class TwoPersonRuleTests(TwoPersonRuleTests.ApprovalsHost host) : IClassFixture<TwoPersonRuleTests.ApprovalsHost>
{
    [Fact]
    public async Task ThePersonWhoAskedCannotApproveTheirOwnRequestAndTheRefusalIsAudited()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (requester, _) = await ArrangeAsync("own", cancellationToken);
        await host.AddPersonAsync("own-target", cancellationToken);

        var asked = await host.RunAsync(requester, "person disable @own-target", cancellationToken);
        var number = NumberIn(asked);
        var approved = await host.RunAsync(requester, $"approve {number}", cancellationToken);
        var audit = await host.RunAsAdminAsync("audit tail --count 10", cancellationToken);
        var target = await host.RunAsAdminAsync("whois @own-target", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "core.approval-required"), (asked.Status, asked.Code));
        Assert.Contains("person disable needs the approval of another lead of team platform.", asked.Detail, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, "trust.own-request"), (approved.Status, approved.Code));
        Assert.Equal($"You cannot approve your own request {number}: the two-person rule needs another lead of platform to approve it.", approved.Detail);
        Assert.Contains($"{requester.Id} refused trust.own-request: request {number} by {requester.Id}: person disable @own-target", audit.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("disabled", target.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnotherLeadApprovesAndTheCommandRunsOnceAsTheRequester()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (requester, lead) = await ArrangeAsync("run", cancellationToken);
        var target = await host.AddPersonAsync("run-target", cancellationToken);

        var asked = await host.RunAsync(requester, "person disable @run-target", cancellationToken);
        var number = NumberIn(asked);
        var listedForLead = await host.RunAsync(lead, "approvals", cancellationToken);
        var listedForRequester = await host.RunAsync(requester, "approvals", cancellationToken);
        var approved = await host.RunAsync(lead, $"approve {number}", cancellationToken);
        var again = await host.RunAsync(lead, $"approve {number}", cancellationToken);
        var targetAfter = await host.RunAsync(target, "whoami", cancellationToken);
        var audit = await host.RunAsAdminAsync("audit tail --count 12", cancellationToken);
        var posted = await MessagesAsync("platform", cancellationToken);

        Assert.Contains($"[Approve {number}] approve {number}", listedForLead.Text, StringComparison.Ordinal);
        Assert.Contains($"Request {number}: `person disable @run-target`", listedForRequester.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"[Approve {number}]", listedForRequester.Text, StringComparison.Ordinal);
        Assert.True(approved.IsSuccess, approved.Detail);
        Assert.Contains($"Approved request {number}: `person disable @run-target`.\nRun as @run-requester\n  Disabled", approved.Text, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Conflict, "trust.approval-settled"), (again.Status, again.Code));
        Assert.Equal(HttpStatusCode.Unauthorized, targetAfter.Status);
        Assert.Contains($"{lead.Id} succeeded: request {number} by {requester.Id}: person disable @run-target (approved by {lead.Id})", audit.Text, StringComparison.Ordinal);
        Assert.Contains($"{requester.Id} succeeded: person disable @run-target", audit.Text, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(audit.Text!, Regex.Escape($"{requester.Id} succeeded: person disable @run-target")));
        Assert.Contains(posted, m => m.Contains($"asks to run `person disable @run-target`", StringComparison.Ordinal) && m.Contains($"approve {number}", StringComparison.Ordinal));
        Assert.Contains(posted, m => m.Contains($"Request {number} was approved by @run-lead and ran as @run-requester.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SomeoneWithoutTheRoleInTheTeamCannotApprove()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (requester, _) = await ArrangeAsync("outsider", cancellationToken);
        await host.AddPersonAsync("outsider-target", cancellationToken);
        var outsider = await host.AddPersonAsync("outsider-other", cancellationToken, admin: true);
        var member = await host.AddPersonAsync("outsider-member", cancellationToken);
        await host.RunAsAdminAsync("team add platform @outsider-member", cancellationToken);

        var number = NumberIn(await host.RunAsync(requester, "person disable @outsider-target", cancellationToken));
        var byAnAdminOutsideTheTeam = await host.RunAsync(outsider, $"approve {number}", cancellationToken);
        var byAMember = await host.RunAsync(member, $"approve {number}", cancellationToken);
        var listed = await host.RunAsync(requester, "approvals", cancellationToken);

        Assert.Equal((HttpStatusCode.Forbidden, "trust.not-an-approver"), (byAnAdminOutsideTheTeam.Status, byAnAdminOutsideTheTeam.Code));
        Assert.Equal($"Only a lead of platform (or a role above it) may decide request {number}, and you are not one.", byAMember.Detail);
        Assert.Contains($"Request {number}: `person disable @outsider-target`", listed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeniedRequestNeverRuns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (requester, lead) = await ArrangeAsync("deny", cancellationToken);
        var target = await host.AddPersonAsync("deny-target", cancellationToken);

        var number = NumberIn(await host.RunAsync(requester, "person disable @deny-target", cancellationToken));
        var denied = await host.RunAsync(lead, $"deny {number} not during the freeze", cancellationToken);
        var approvedLate = await host.RunAsync(lead, $"approve {number}", cancellationToken);
        var targetAfter = await host.RunAsync(target, "whoami", cancellationToken);
        var audit = await host.RunAsAdminAsync("audit tail --count 6", cancellationToken);

        Assert.True(denied.IsSuccess, denied.Detail);
        Assert.Equal($"Denied request {number}: `person disable @deny-target` will not run: not during the freeze.", denied.Text);
        Assert.Equal("trust.approval-settled", approvedLate.Code);
        Assert.StartsWith($"Request {number} was denied at", approvedLate.Detail, StringComparison.Ordinal);
        Assert.True(targetAfter.IsSuccess, targetAfter.Detail);
        Assert.Contains($"{lead.Id} succeeded: request {number} by {requester.Id}: person disable @deny-target (denied by {lead.Id}: not during the freeze)", audit.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestNobodyDecidesInTimeExpiresAndTheExpiryIsAudited()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (requester, lead) = await ArrangeAsync("expire", cancellationToken);
        var target = await host.AddPersonAsync("expire-target", cancellationToken);

        var asked = await host.RunAsync(requester, "person disable @expire-target", cancellationToken);
        var number = NumberIn(asked);
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        var approved = await host.RunAsync(lead, $"approve {number}", cancellationToken);
        var targetAfter = await host.RunAsync(target, "whoami", cancellationToken);
        var audit = await host.RunAsAdminAsync("audit tail --count 6", cancellationToken);

        Assert.Contains($"request {number}, waiting until {Time(host.Clock.GetUtcNow().AddMinutes(-1))}", asked.Detail, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Conflict, "trust.approval-settled"), (approved.Status, approved.Code));
        Assert.Equal($"Request {number} expired, so it can no longer be decided.", approved.Detail);
        Assert.True(targetAfter.IsSuccess, targetAfter.Detail);
        Assert.Contains($"{requester.Id} failed trust.approval-expired: request {number} by {requester.Id}: person disable @expire-target (nobody decided in time)", audit.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWaitingRequestSurvivesARestartAndRunsWhenApproved()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (requester, lead) = await ArrangeAsync("restart", cancellationToken);
        await host.AddPersonAsync("restart-target", cancellationToken);

        var number = NumberIn(await host.RunAsync(requester, "person disable @restart-target", cancellationToken));
        await host.RestartAsync();
        var approved = await host.RunAsync(lead, $"approve {number}", cancellationToken);

        Assert.True(approved.IsSuccess, approved.Detail);
        Assert.Contains("Run as @restart-requester\n  Disabled", approved.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisablingTheRequesterCancelsTheirWaitingRequests()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (requester, lead) = await ArrangeAsync("offboard", cancellationToken);
        await host.AddPersonAsync("offboard-target", cancellationToken);
        var other = await host.AddPersonAsync("offboard-admin", cancellationToken, admin: true);

        var first = NumberIn(await host.RunAsync(requester, "person disable @offboard-target", cancellationToken));
        var second = NumberIn(await host.RunAsync(other, "person disable @offboard-requester", cancellationToken));
        var approved = await host.RunAsync(lead, $"approve {second}", cancellationToken);
        var approvedFirst = await host.RunAsync(lead, $"approve {first}", cancellationToken);

        Assert.True(approved.IsSuccess, approved.Detail);
        Assert.Equal("1", approved.Field("Pending approvals"));
        Assert.Equal($"Request {first} was cancelled, so it can no longer be decided.", approvedFirst.Detail);
    }

    [Fact]
    public async Task AnApprovedCommandStillNeedsItsRequestersSecondFactorWhenItRuns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (requester, lead) = await ArrangeAsync("order", cancellationToken);
        var holder = await host.AddPersonAsync("order-holder", cancellationToken);
        await Authenticators.EnrollAsync(host, holder, cancellationToken);
        var app = await Authenticators.EnrollAsync(host, requester, cancellationToken);

        var number = NumberIn(await host.RunAsync(requester, "factors remove totp --for @order-holder", cancellationToken));
        var approved = await host.RunAsync(lead, $"approve {number}", cancellationToken);
        var verified = await host.VerifyAsync(requester, app, cancellationToken);
        var holderFactors = await host.RunAsync(holder, "factors list", cancellationToken);

        Assert.True(approved.IsSuccess, approved.Detail);
        Assert.Contains("Run as @order-requester\n  Refused (core.verification-required): factors remove needs a second factor just now", approved.Text, StringComparison.Ordinal);
        Assert.Contains("Resumed `factors remove totp --for @order-holder`\n  Removed @order-holder's authenticator app", verified.Text, StringComparison.Ordinal);
        Assert.Null(holderFactors.Field("Authenticator app"));
    }

    [Fact]
    public async Task PermissionsOfACommandShowTheApprovalTheInstallationRequires()
    {
        var shown = await host.RunAsAdminAsync("permissions person disable", TestContext.Current.CancellationToken);

        Assert.Contains("Who:        Administrators\n  Permission: rolodex.manage-people\n  Assurance:  identified\n  Approval:   another lead of team platform", shown.Text, StringComparison.Ordinal);
    }

    /// <summary>A requester who is an administrator (so <c>person disable</c> is theirs to ask for) and a lead of platform.</summary>
    private async Task<(TestPerson Requester, TestPerson Lead)> ArrangeAsync(string prefix, CancellationToken cancellationToken)
    {
        // Made by the first test of the class; later ones are told it exists.
        await host.RunAsync(host.Admin, "team create platform", cancellationToken);
        await host.RunAsync(host.Admin, "channel create platform", cancellationToken);
        var requester = await host.AddPersonAsync($"{prefix}-requester", cancellationToken, admin: true);
        var lead = await host.AddPersonAsync($"{prefix}-lead", cancellationToken);
        var added = await host.RunAsAdminAsync($"team add platform @{prefix}-lead --role lead", cancellationToken);
        Assert.True(added.IsSuccess, added.Detail);
        return (requester, lead);
    }

    private async Task<List<string>> MessagesAsync(string channel, CancellationToken cancellationToken)
    {
        using var client = host.ApiClient(host.Admin);
        var messages = await client.GetFromJsonAsync<JsonElement>($"/api/channels/{channel}/messages?limit=500", cancellationToken);
        return [.. messages.EnumerateArray().Select(m => m.ToString())];
    }

    private static long NumberIn(ApiOutcome asked)
    {
        Assert.Equal("core.approval-required", asked.Code);
        return long.Parse(RequestNumber().Match(asked.Detail!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"request (\d+), waiting")]
    private static partial Regex RequestNumber();

    public sealed class ApprovalsHost : SqliteHost
    {
        // The dash stands for the space, as an environment variable must write it.
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Trust:Approvals:Commands:person-disable:Role"] = "lead",
            ["Trust:Approvals:Commands:factors remove:Role"] = "lead",
        };
    }
}
