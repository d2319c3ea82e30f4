namespace Switchboard.Modules.Rolodex.People;

/// <summary>The services a person can be linked to, and how each spells its ids.</summary>
internal static class Services
{
    public static readonly IReadOnlyList<string> Known = ["slack", "github", "pagerduty", "heroku", "email", "phone"];

    public static bool NeedsWorkspace(string service) => service == "slack";

    /// <summary>Ids that the service treats case-insensitively are stored lower case, so lookups match.</summary>
    public static string Normalize(string service, string externalId) => service switch
    {
        "github" or "email" or "heroku" => externalId.Trim().ToLowerInvariant(),
        "phone" => new string(externalId.Where(c => char.IsDigit(c) || c == '+').ToArray()),
        _ => externalId.Trim(),
    };
}
