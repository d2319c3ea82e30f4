using System.Text.RegularExpressions;

namespace Switchboard.Modules.Deploy.Deployments;

/// <summary>What an app's or environment's name may be: it is typed in commands and passed to scripts.</summary>
internal static partial class DeployNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string name) => name.Length <= MaxLength && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex Pattern();
}
