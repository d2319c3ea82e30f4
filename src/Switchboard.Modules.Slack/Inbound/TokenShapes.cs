using System.Text.RegularExpressions;

namespace Switchboard.Modules.Slack.Inbound;

/// <summary>Recognises credentials pasted into chat by their published prefixes, so they are never run or echoed.</summary>
internal static partial class TokenShapes
{
    /// <returns>Whose token the text holds (<c>Switchboard API</c>, <c>GitHub</c>, <c>Slack</c>), or null when it holds none.</returns>
    public static string? KindIn(string text)
    {
        var match = Shapes().Match(text);
        if (!match.Success)
        {
            return null;
        }

        return match.Value[..3] switch
        {
            "swb" => "Switchboard API",
            "xox" or "xap" => "Slack",
            _ => "GitHub",
        };
    }

    // https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/ and
    // https://api.slack.com/authentication/token-types
    [GeneratedRegex(@"\b(swb_[0-9A-Za-z]{20,}|gh[pousr]_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{30,}|xox[abposre]-[0-9A-Za-z-]{10,}|xapp-[0-9A-Za-z-]{10,})")]
    private static partial Regex Shapes();
}
