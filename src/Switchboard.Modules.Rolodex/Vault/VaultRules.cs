using System.Text.RegularExpressions;

namespace Switchboard.Modules.Rolodex.Vault;

internal static partial class VaultRules
{
    public const int MaxServiceLength = 32;
    public const int MaxKeyIdLength = 64;
    public const int MaxValueLength = 4096;
    public const int MaxScopeLength = 200;
    public const int MaxScopesLength = 2000;

    /// <summary>
    /// Lower case as given, short, and without '_': a token typed where the service belongs (<c>vault set
    /// ghp_...</c>) is refused rather than kept as a name, and the refusal never repeats it.
    /// </summary>
    public static bool IsServiceName(string service) => ServicePattern().IsMatch(service);

    public static bool IsKeyId(string id) => KeyIdPattern().IsMatch(id);

    /// <summary>A token is one word of printable characters, as every service issues them.</summary>
    public static bool IsTokenText(string value) =>
        value.Length is > 0 and <= MaxValueLength && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>Scopes as given (<c>--scope repo --scope read:org</c>, or <c>"repo read:org"</c>), one word each.</summary>
    public static IReadOnlyList<string> ScopesFrom(IEnumerable<string> given) =>
        given.SelectMany(s => s.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex("^[a-z][a-z0-9-]{1,31}$")]
    private static partial Regex ServicePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex KeyIdPattern();
}
