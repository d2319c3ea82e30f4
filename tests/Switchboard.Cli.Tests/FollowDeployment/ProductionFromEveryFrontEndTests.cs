using System.Net;
using Switchboard.Testing;

namespace Switchboard.Cli.Tests.FollowDeployment;

/// <summary>
/// A person deploys an app through the script target to staging and promotes it to production from Slack, the web
/// console and sb: production runs only once a lead has approved and the requester has passed a second factor (either
/// alone runs nothing), and each front end shows the deployment's progress while the script is still running.
/// </summary>
public sealed class ProductionFromEveryFrontEndTests(FrontEndsHost host) : IClassFixture<FrontEndsHost>
{
    [Fact]
    public async Task FromSlackProductionRunsAfterTheApprovalAndTheSecondFactorAndItsLiveMessageShowsItUnderWay()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var ana = await host.MemberAsync("slack-ana", "member", cancellationToken);
        var authenticator = await host.AuthenticatorAsync(ana, cancellationToken);
        var lead = await host.MemberAsync("slack-lead", "lead", cancellationToken);
        var slack = await host.SlackAccountAsync(ana, cancellationToken);

        var staging = FrontEndsHost.DeploymentIn(await host.SlashCommandAsync(slack, "deploy chat-api@held to staging", cancellationToken));
        var stagingUnderWay = await host.SlackShowsAsync(staging, "Migrating", cancellationToken);
        await host.ReleaseAsync(staging, cancellationToken);
        await host.SlackShowsAsync(staging, "succeeded", cancellationToken);
        var asked = await host.SlashCommandAsync(slack, "promote chat-api staging to production", cancellationToken);
        var approved = await host.RunAsync(lead, $"approve {FrontEndsHost.RequestIn(asked)}", cancellationToken);
        var afterTheApprovalAlone = await host.RunAsync(ana, "deploys chat-api --env production", cancellationToken);
        var verified = await host.SlashCommandAsync(slack, $"verify {host.NextCode(authenticator)}", cancellationToken);
        var production = FrontEndsHost.DeploymentIn(verified);
        var underWay = await host.SlackShowsAsync(production, "Migrating", cancellationToken);
        var shownMeanwhile = await host.RunAsync(ana, $"deploys show {production}", cancellationToken);
        await host.ReleaseAsync(production, cancellationToken);
        var finished = await host.SlackShowsAsync(production, "succeeded", cancellationToken);

        Assert.Contains("is under way", stagingUnderWay, StringComparison.Ordinal);
        Assert.Contains("promote needs the approval of another lead of team payments", asked, StringComparison.Ordinal);
        Assert.Contains("core.verification-required", approved.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal("No deployments of chat-api in production yet.", afterTheApprovalAlone.Text);
        Assert.Contains("Promoting chat-api from staging to production", verified, StringComparison.Ordinal);
        Assert.Contains("is under way", underWay, StringComparison.Ordinal);
        Assert.Contains("Deploying chat-api@held to production as slack-ana", shownMeanwhile.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\ndone", shownMeanwhile.Text, StringComparison.Ordinal);
        Assert.Contains("succeeded", finished, StringComparison.Ordinal);
        var live = Assert.Single(host.Slack.State.MessagesIn(host.SlackChannel), m => m.Text!.Contains($"#{production}: Promoting", StringComparison.Ordinal));
        Assert.NotNull(live.EditedTs);
        Assert.Contains("succeeded", live.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromTheConsoleASecondFactorAloneRunsNothingAndTheChannelStreamShowsProductionUnderWay()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var bea = await host.MemberAsync("console-bea", "member", cancellationToken);
        var authenticator = await host.AuthenticatorAsync(bea, cancellationToken);
        var lead = await host.MemberAsync("console-lead", "lead", cancellationToken);
        using var browser = await host.SignInAsync("console-bea@example.com", cancellationToken);
        var channel = await browser.GetAsync("/channels/payments", cancellationToken);
        await using var stream = await EventStream.OpenAsync(browser, $"/channels/payments/stream?after={channel.LastMessageId}", cancellationToken);

        // The stream tells a redrawn message by the time it changed, and this clock moves only when told to.
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var staging = DeploymentIn(await browser.RunAsync("deploy console-api@held to staging", cancellationToken));
        var stagingUnderWay = await NextShowingAsync(stream, staging, "Migrating", cancellationToken);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await host.ReleaseAsync(staging, cancellationToken);
        await NextShowingAsync(stream, staging, "succeeded", cancellationToken);
        var verified = await browser.RunAsync($"verify {host.NextCode(authenticator)}", cancellationToken);
        var asked = await browser.RunAsync("promote console-api staging to production", cancellationToken);
        var afterTheSecondFactorAlone = await host.RunAsync(bea, "deploys console-api --env production", cancellationToken);
        var approved = await host.RunAsync(lead, $"approve {FrontEndsHost.RequestIn(asked.Text)}", cancellationToken);
        var production = FrontEndsHost.DeploymentIn(approved.Text!);
        var underWay = await NextShowingAsync(stream, production, "Migrating", cancellationToken);
        var shownMeanwhile = await browser.RunAsync($"deploys show {production}", cancellationToken);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await host.ReleaseAsync(production, cancellationToken);
        var finished = await NextShowingAsync(stream, production, "succeeded", cancellationToken);

        Assert.Contains("is under way", stagingUnderWay, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Equal((HttpStatusCode.Forbidden, "core.approval-required"), (asked.Status, asked.LastErrorCode));
        Assert.Equal("No deployments of console-api in production yet.", afterTheSecondFactorAlone.Text);
        Assert.True(approved.IsSuccess, approved.Detail);
        Assert.Contains("Promoting console-api from staging to production", approved.Text, StringComparison.Ordinal);
        Assert.Contains("is under way", underWay, StringComparison.Ordinal);
        Assert.Contains("Deploying console-api@held to production as console-bea", shownMeanwhile.LastReply.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\\ndone", shownMeanwhile.LastReply.ToString(), StringComparison.Ordinal);
        Assert.Contains("succeeded", finished, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromSbTheVerifyThatLetsProductionRunFollowsItLineByLine()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var cleo = await host.MemberAsync("cli-cleo", "member", cancellationToken);
        var authenticator = await host.AuthenticatorAsync(cleo, cancellationToken);
        var lead = await host.MemberAsync("cli-lead", "lead", cancellationToken);
        using var sb = new Sb { Url = host.BaseAddress, Token = cleo.Token };

        using var deploying = sb.Start(["deploy", "cli-api@held", "to", "staging"]);
        var stagingSoFar = await deploying.WaitForOutputAsync("== Migrating\n", cancellationToken);
        var staging = FrontEndsHost.DeploymentIn(stagingSoFar);
        await host.ReleaseAsync(staging, cancellationToken);
        var deployed = await deploying.WaitAsync(cancellationToken);
        var asked = await sb.RunAsync(["promote", "cli-api", "staging", "to", "production"], cancellationToken);
        var approved = await host.RunAsync(lead, $"approve {FrontEndsHost.RequestIn(asked.Error)}", cancellationToken);
        var afterTheApprovalAlone = await host.RunAsync(cleo, "deploys cli-api --env production", cancellationToken);
        using var verifying = sb.Start(["verify", host.NextCode(authenticator)]);
        var productionSoFar = await verifying.WaitForOutputAsync("== Migrating\n", cancellationToken);
        var production = FrontEndsHost.DeploymentIn(productionSoFar);
        await host.ReleaseAsync(production, cancellationToken);
        var verified = await verifying.WaitAsync(cancellationToken);

        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        Assert.DoesNotContain("done", stagingSoFar, StringComparison.Ordinal);
        Assert.Contains($"done\n#{staging}: cli-api@held to staging succeeded", deployed.Output, StringComparison.Ordinal);
        Assert.True(asked.ExitCode == 3, asked.ToString());
        Assert.Contains("promote needs the approval of another lead of team payments", asked.Error, StringComparison.Ordinal);
        Assert.Contains("Not started: it waits for that approval.", asked.Error, StringComparison.Ordinal);
        Assert.Contains("core.verification-required", approved.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal("No deployments of cli-api in production yet.", afterTheApprovalAlone.Text);
        Assert.Contains("Deploying cli-api@held to production as cli-cleo\n== Migrating\n", productionSoFar, StringComparison.Ordinal);
        Assert.DoesNotContain("done", productionSoFar, StringComparison.Ordinal);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains($"done\n#{production}: cli-api from staging to production succeeded", verified.Output, StringComparison.Ordinal);
    }

    /// <summary>The number in the <c>Deployment</c> field of the console's newest reply.</summary>
    private static long DeploymentIn(ConsolePage page)
    {
        Assert.True(page.LastReply is not null, $"The console answered {page.LastErrorCode}: {page.Text}");
        var field = page.LastReply.Value.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "fields")
            .SelectMany(b => b.GetProperty("fields").EnumerateArray())
            .Single(f => f.GetProperty("name").GetString() == "Deployment");
        return long.Parse(field.GetProperty("value").GetString()!.TrimStart('#'), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The channel stream's next message (or redraw of one) about the deployment that reads <paramref name="expected"/>.</summary>
    private static async Task<string> NextShowingAsync(EventStream stream, long deployment, string expected, CancellationToken cancellationToken)
    {
        while (true)
        {
            var item = await stream.NextAsync(cancellationToken);
            if (item.Data.Contains($"#{deployment}: ", StringComparison.Ordinal) && item.Data.Contains(expected, StringComparison.Ordinal))
            {
                return item.Data;
            }
        }
    }
}
