using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;
using Switchboard.Delivery.Channels;
using Switchboard.Modules.Deploy.Deployments;
using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.RunDeployment;

/// <summary>
/// Everything a deployment posts to chat, in one place: one live message in the owning service's channel (or, when the
/// service has none, the requester's inbox) that shows the steps and the state, replaced in place as they change; each
/// step's output in that message's thread; the final state there too, so people are told; and the change-control notice.
/// </summary>
internal sealed class DeploymentMessages(ChannelPosts posts, IOptions<DeployOptions> options, ILogger<DeploymentMessages> logger)
{
    public Task ShowAsync(Deployment deployment, string? channel, IReadOnlyList<string> steps, CancellationToken cancellationToken) =>
        ReportAsync(
            deployment,
            channel ?? "inbox",
            channel is null
                ? posts.PostToInboxAsync(deployment.RequesterId, Live(deployment, steps), LiveKey(deployment), cancellationToken)
                : posts.PostLiveAsync(channel, Live(deployment, steps), LiveKey(deployment), cancellationToken));

    public Task OutputAsync(Deployment deployment, string? channel, IReadOnlyList<string> lines, CancellationToken cancellationToken) =>
        channel is null || lines.Count == 0
            ? Task.CompletedTask
            : ReportAsync(deployment, channel, posts.PostAsync(channel, Reply.Text("```\n" + string.Join('\n', lines) + "\n```"), LiveKey(deployment), cancellationToken));

    public async Task FinishedAsync(Deployment deployment, string? channel, IReadOnlyList<string> steps, CancellationToken cancellationToken)
    {
        await ShowAsync(deployment, channel, steps, cancellationToken);
        var final = Reply.Text($"{Title(deployment)}: {deployment.Describe()} {Outcome(deployment)}", SeverityOf(deployment));
        if (channel is not null)
        {
            await ReportAsync(deployment, channel, posts.PostAsync(channel, final, LiveKey(deployment), cancellationToken));
        }

        if (options.Value.ChangeControlChannel is { Length: > 0 } changeControl)
        {
            var notice = Reply.Build(final.Severity)
                .Line($"Change: {deployment.Describe()} {Outcome(deployment)}")
                .Fields(
                    ("Deployment", Title(deployment)),
                    ("By", "@" + deployment.RequesterHandle),
                    ("Service", deployment.Service),
                    ("Target", deployment.Target),
                    ("Forced past CI", deployment.Forced ? "yes" : "no"))
                .ToReply();
            await ReportAsync(deployment, changeControl, posts.PostAsync(changeControl, notice, threadKey: null, cancellationToken));
        }
    }

    public static string Title(Deployment deployment) => "#" + deployment.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the requester is told at once: <c>Deploying api@main to staging</c>.</summary>
    public static string Headline(Deployment deployment) => deployment.Action switch
    {
        DeployAction.Deploy => $"Deploying {deployment.Describe()}",
        DeployAction.Promote => $"Promoting {deployment.Describe()}",
        DeployAction.Rollback => $"Rolling back {deployment.App} in {deployment.Environment} to {deployment.Release ?? "the previous release"}",
    };

    /// <summary>
    /// The reply to the command that started it: the headline, and its number as a field of its own (<c>Deployment: #12</c>),
    /// which <c>sb</c> reads to follow the deployment rather than parsing the prose.
    /// </summary>
    public static Reply Accepted(Deployment deployment) =>
        Reply.Build().Line(Headline(deployment)).Fields(("Deployment", Title(deployment))).ToReply();

    public static string Outcome(Deployment deployment) => deployment.State switch
    {
        DeploymentState.Succeeded => "succeeded" + (deployment.Version is { } version ? $" ({version})" : ""),
        DeploymentState.Failed => "failed: " + deployment.ErrorDetail,
        DeploymentState.Queued or DeploymentState.Running => "is under way",
    };

    /// <summary>The live message: what, by whom, each step (the last one running while it runs), and the state.</summary>
    private static Reply Live(Deployment deployment, IReadOnlyList<string> steps)
    {
        var running = deployment.State is DeploymentState.Queued or DeploymentState.Running;
        var reply = Reply.Build(SeverityOf(deployment))
            .Line($"{Title(deployment)}: {Headline(deployment)} for @{deployment.RequesterHandle}")
            .Fields(("State", Outcome(deployment)), ("Target", deployment.Target));
        for (var i = 0; i < steps.Count; i++)
        {
            reply.Line((running && i == steps.Count - 1 ? "… " : "✓ ") + steps[i]);
        }

        return reply.ToReply();
    }

    private static Severity SeverityOf(Deployment deployment) => deployment.State switch
    {
        DeploymentState.Succeeded => Severity.Success,
        DeploymentState.Failed => Severity.Error,
        DeploymentState.Queued or DeploymentState.Running => Severity.Info,
    };

    private static string LiveKey(Deployment deployment) => "deploy-" + deployment.Id.ToString(CultureInfo.InvariantCulture);

    private async Task ReportAsync(Deployment deployment, string where, Task<Error?> posting)
    {
        if (await posting is { } error)
        {
            logger.MessageNotPosted(deployment.Id, where, error.Detail);
        }
    }
}
