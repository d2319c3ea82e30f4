using System.Text.RegularExpressions;

namespace Switchboard.Testing;

/// <summary>
/// Hides what is new on every run (API tokens, sign-in link codes, ids) so that replies can be
/// compared across runs and front ends; everything else stays as it was.
/// </summary>
public static partial class Masks
{
    public static string Apply(string text)
    {
        text = Token().Replace(text, "swb_<token>");
        text = TokenPrefix().Replace(text, "swb_<prefix>");
        text = SignInCode().Replace(text, "/signin/<code>");
        return Guid().Replace(text, "<id>");
    }

    [GeneratedRegex("swb_[0-9A-Za-z]{38}")]
    private static partial Regex Token();

    [GeneratedRegex("swb_[0-9A-Za-z]{6}(?=…)")]
    private static partial Regex TokenPrefix();

    [GeneratedRegex("/signin/[0-9A-Za-z]{43}")]
    private static partial Regex SignInCode();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}
