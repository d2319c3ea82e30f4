namespace Switchboard.Cli.FollowDeployment;

internal enum FollowDisplay
{
    /// <summary>A live view of the current step and the latest output lines, redrawn in place.</summary>
    Live,

    /// <summary>Each step and output line as it arrives, for pipes, CI logs, <c>--no-progress</c> and <c>NO_COLOR</c>.</summary>
    Lines,

    /// <summary>Nothing while it runs, then the end event's JSON: for <c>--json</c>.</summary>
    Quiet,
}
