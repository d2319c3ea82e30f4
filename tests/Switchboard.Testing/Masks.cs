using System.Text.RegularExpressions;

namespace Switchboard.Testing;

/// <summary>
/// Hides what is new on every run (API tokens, sign-in link codes, authenticator secrets, ids) so that replies can be
/// compared across runs and front ends; everything else stays as it was.
/// </summary>
public static partial class Masks
{
    public static string Apply(string text)
    {
        text = Token().Replace(text, "swb_<token>");
        text = TokenPrefix().Replace(text, "swb_<prefix>");
        text = SignInCode().Replace(text, "/signin/<code>");
        text = TotpSecret().Replace(text, "<totp-secret>");
        return Guid().Replace(text, "<id>");
    }

    [GeneratedRegex("swb_[0-9A-Za-z]{38}")]
    private static partial Regex Token();

    [GeneratedRegex("swb_[0-9A-Za-z]{6}(?=…)")]
    private static partial Regex TokenPrefix();

    [GeneratedRegex("/signin/[0-9A-Za-z]{43}")]
    private static partial Regex SignInCode();

    /// <summary>An authenticator app's secret in base32, alone or in an <c>otpauth://</c> link.</summary>
    [GeneratedRegex("(?<![A-Za-z0-9])[A-Z2-7]{32}(?![A-Za-z0-9])")]
    private static partial Regex TotpSecret();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}
