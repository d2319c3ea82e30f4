using Switchboard.Core.Errors;
using Switchboard.Core.Replies;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>How Slack shows an error: as an error-severity reply, as the other front ends show errors.</summary>
internal static class SlackAnswers
{
    public const string HowToLink = "To link it, run `rolodex link slack` in the console or with sb, then send `/sb link <code>` here.";

    public static Reply Of(Error error) => Reply.Text(error.Detail, Severity.Error);
}
