namespace Switchboard.Modules.Rolodex.People;

/// <summary>The services a person can be linked to, and how each spells its ids.</summary>
internal static class Services
{
    public static readonly IReadOnlyList<string> Known = ["slack", "github", "pagerduty", "heroku", "duo", "email", "phone"];

    public static bool NeedsWorkspace(string service) => service == "slack";

    /// <summary>Ids that the service treats case-insensitively are stored lower case, so lookups match.</summary>
    public static string Normalize(string service, string externalId) => service switch
    {
        "github" or "email" or "heroku" => externalId.Trim().ToLowerInvariant(),
        "phone" => PhoneNumber(externalId),
        _ => externalId.Trim(),
    };

    /// <summary>Digits only, after a leading <c>+</c> when there is one; nothing when there are no digits.</summary>
    private static string PhoneNumber(string written)
    {
        var digits = new string(written.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? "" : (written.TrimStart().StartsWith('+') ? "+" : "") + digits;
    }
}
