using Switchboard.Core.Errors;

namespace Switchboard.Server.WebConsole;

internal static class ConsoleErrors
{
    public static Error InvalidForm() =>
        Error.Invalid("console.invalid-form", "This form has expired or did not come from Switchboard's own page; reload the page and try again.");

    public static Error EmptyCommand() =>
        Error.Invalid("console.empty-command", "Type a command, such as help or whoami.");

    public static Error InvalidFormKey() =>
        Error.Invalid("console.invalid-form-key", "The form's key is not one this page made; reload the page and try again.");

    public static Error InvalidSpan(string span, IEnumerable<string> offered) =>
        Error.Invalid("console.invalid-since", $"'{span}' is not a span the events page offers; choose one of {string.Join(", ", offered)}.");

    /// <summary>Why the sign-in page was shown, for the reasons the console itself sends there.</summary>
    public static string? NoticeFor(string? reason) => reason switch
    {
        "auth.signed-out" => "You are signed out.",
        "auth.session-ended" => "This session was signed out or revoked. Open a new sign-in link to sign in again.",
        "auth.session-expired" => "Your session expired. Open a new sign-in link to sign in again.",
        "auth.unknown-session" => "This browser is not signed in.",
        "auth.person-disabled" => "Your access to Switchboard is disabled. An administrator can enable it again.",
        _ => null,
    };
}
