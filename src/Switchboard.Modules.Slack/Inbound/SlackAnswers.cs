using Switchboard.Core.Errors;
using Switchboard.Core.Replies;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>How Slack shows what the other front ends show: the reply's plain text, an error as an error-severity reply.</summary>
internal static class SlackAnswers
{
    public const string HowToLink = "To link it, run `rolodex link slack` in the console or with sb, then send `/sb link <code>` here.";

    public static string Render(Reply reply) => PlainTextRenderer.Render(reply);

    public static string Render(Error error) => PlainTextRenderer.Render(Reply.Text(error.Detail, Severity.Error));
}
