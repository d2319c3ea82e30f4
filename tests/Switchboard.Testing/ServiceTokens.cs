using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Testing;

namespace Switchboard.Testing;

/// <summary>
/// Tokens shaped like the real ones (GitHub's <c>ghp_</c> personal access tokens), new on every call, and
/// the check that no token, of that shape or Switchboard's own, reached a host's logs.
/// </summary>
public static partial class ServiceTokens
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A GitHub classic personal access token's shape: <c>ghp_</c> and 36 base62 characters.</summary>
    public static string GitHub() => "ghp_" + RandomNumberGenerator.GetString(Base62, 36);

    /// <summary>Where a token appears in the records, described without the token itself.</summary>
    public static IReadOnlyList<string> LeaksIn(IEnumerable<FakeLogRecord> records) =>
        records
            .SelectMany(record => TextsOf(record).Select(text => (record, Match: TokenShape().Match(text))))
            .Where(found => found.Match.Success)
            .Select(found => $"{found.record.Category} event {found.record.Id.Id} at {found.record.Level} holds {found.Match.Value[..8]}… ({found.Match.Length} characters)")
            .ToList();

    private static IEnumerable<string> TextsOf(FakeLogRecord record) =>
    [
        record.Message,
        record.Exception?.ToString() ?? "",
        .. record.StructuredState?.Select(pair => pair.Value ?? "") ?? [],
        .. record.Scopes.Select(scope => scope?.ToString() ?? ""),
    ];

    /// <summary>
    /// Switchboard's API tokens, sign-in link codes, GitHub's token formats (ghp_, gho_, ghu_, ghs_, ghr_), Heroku's
    /// prefixed OAuth tokens (HRKU-), and the emulated PagerDuty's OAuth tokens.
    /// </summary>
    [GeneratedRegex(@"swb_[0-9A-Za-z]{38}|/signin/[0-9A-Za-z]{43}|gh[pousr]_[0-9A-Za-z]{36}|HRKU-[0-9a-f-]{36}|pdu[sr]\+_[0-9A-Za-z]{40}")]
    private static partial Regex TokenShape();
}
