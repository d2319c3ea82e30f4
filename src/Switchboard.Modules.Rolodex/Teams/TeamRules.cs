using System.Text.RegularExpressions;

namespace Switchboard.Modules.Rolodex.Teams;

internal static partial class TeamRules
{
    public static string Normalize(string name) => name.Trim().TrimStart('#').ToLowerInvariant();

    public static bool IsName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex NamePattern();
}
