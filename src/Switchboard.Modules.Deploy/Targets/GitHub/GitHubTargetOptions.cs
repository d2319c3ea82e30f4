namespace Switchboard.Modules.Deploy.Targets.GitHub;

/// <summary>The <c>github</c> target's own settings, under <c>Deploy:GitHub</c>; GitHub's address is Switchboard's one <c>GitHub:ApiUrl</c>.</summary>
internal sealed class GitHubTargetOptions
{
    public const string SectionName = "Deploy:GitHub";

    /// <summary>How long to wait between reads of a deployment's statuses.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to follow a deployment without a final status; an environment's <c>Timeout</c> setting overrides it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);
}
