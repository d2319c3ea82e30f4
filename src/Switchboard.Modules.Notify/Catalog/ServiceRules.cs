using System.Text.RegularExpressions;
using Switchboard.Core.Catalog;
using Switchboard.Core.Errors;

namespace Switchboard.Modules.Notify.Catalog;

/// <summary>What a service's name and links may look like, checked before anything is saved.</summary>
internal static partial class ServiceRules
{
    public const int MaxNameLength = 64;
    public const int MaxLinkLength = 200;

    public static Error? CheckName(string name) =>
        ServiceName().IsMatch(name)
            ? null
            : Error.Invalid("notify.invalid-service-name", $"'{name}' cannot name a service: use lower-case letters, digits and dashes, starting with a letter or digit, at most {MaxNameLength} characters.");

    public static Error? CheckLink(ServiceLinkKind kind, string value)
    {
        var fits = kind switch
        {
            ServiceLinkKind.Repository => Repository().IsMatch(value),
            ServiceLinkKind.PagerDuty => PagerDutyId().IsMatch(value),
            ServiceLinkKind.Sentry => SentrySlug().IsMatch(value),
            ServiceLinkKind.Rollbar => RollbarProjectId().IsMatch(value),
            ServiceLinkKind.Librato => value.Length is > 0 and <= MaxLinkLength && !value.Any(char.IsWhiteSpace),
        };
        return fits ? null : Error.Invalid("notify.invalid-service-link", $"'{value}' is not {Describe(kind)}.");
    }

    public static string Describe(ServiceLinkKind kind) => kind switch
    {
        ServiceLinkKind.Repository => "a GitHub repository, owner/repo",
        ServiceLinkKind.PagerDuty => "a PagerDuty service id, such as PF9KMXH",
        ServiceLinkKind.Sentry => "a Sentry project slug, such as api-server",
        ServiceLinkKind.Rollbar => "a Rollbar project id, a number",
        ServiceLinkKind.Librato => "a prefix of Librato alert names, without spaces",
    };

    /// <summary>The option that sets each kind of link, as commands and the configuration document name them.</summary>
    public static string OptionFor(ServiceLinkKind kind) => kind switch
    {
        ServiceLinkKind.Repository => "repo",
        ServiceLinkKind.PagerDuty => "pagerduty",
        ServiceLinkKind.Sentry => "sentry",
        ServiceLinkKind.Rollbar => "rollbar",
        ServiceLinkKind.Librato => "librato",
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex ServiceName();

    [GeneratedRegex("^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex Repository();

    [GeneratedRegex("^[A-Z0-9]{5,20}$")]
    private static partial Regex PagerDutyId();

    [GeneratedRegex("^[a-z0-9_-]{1,100}$")]
    private static partial Regex SentrySlug();

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex RollbarProjectId();
}
