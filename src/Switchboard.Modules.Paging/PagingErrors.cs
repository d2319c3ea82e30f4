using Switchboard.Core.Errors;

namespace Switchboard.Modules.Paging;

internal static class PagingErrors
{
    public static Error NoProvenAccount() =>
        Error.Forbidden("paging.no-proven-account", "Switchboard acts on PagerDuty only as an account PagerDuty proved is yours, and you have none: connect it with `rolodex connect pagerduty`. Nothing was sent to PagerDuty.");

    public static Error NotConfigured() =>
        Error.Unavailable("paging.not-configured", "Your PagerDuty token cannot be used just now and this installation has no account key (Paging:ApiKey) to act for you with; reconnect with `rolodex connect pagerduty`.");

    public static Error PersonNotConnected(string handle) =>
        Error.Conflict("paging.person-not-connected", $"@{handle} has no PagerDuty account PagerDuty proved is theirs, so Switchboard cannot tell whom to page; they connect it with `rolodex connect pagerduty`, or page their team.");

    public static Error InvalidIncidentId(string id) =>
        Error.Invalid("paging.invalid-incident-id", $"'{id}' is not a PagerDuty incident id or number (letters and digits, such as PT4KHLK or 1234).");

    public static Error UnknownIncident(string id) =>
        Error.NotFound("paging.unknown-incident", $"PagerDuty has no incident {id} that your account can see; `pages` lists the open ones.");

    public static Error UnknownTarget(string target) =>
        Error.NotFound("paging.unknown-target", $"'{target}' is neither a person (@handle), a team nor a service in the catalog; `team list` and `service list` show them.");

    public static Error UnknownOnCallTarget(string target) =>
        Error.NotFound("paging.unknown-oncall-target", $"'{target}' is neither a team, a service in the catalog nor a PagerDuty schedule your account can see (by name or id); `team list` and `service list` show the first two.");

    public static Error UnknownPerson(string reference) =>
        Error.NotFound("paging.unknown-person", $"Nobody in the Rolodex is '{reference}'; `person list` shows everyone.");

    public static Error NoPagerDutyService(string what) =>
        Error.Conflict("paging.no-pagerduty-service", $"No PagerDuty service is linked to {what}: link one with `service edit <name> --pagerduty <id>`, or set Paging:DefaultService.");

    public static Error InvalidUrgency(string urgency) =>
        Error.Invalid("paging.invalid-urgency", $"--urgency is high or low, not '{urgency}'.");

    public static Error InvalidLevel(int level) =>
        Error.Invalid("paging.invalid-level", $"--level is an escalation level from 1, not {level}.");

    public static Error Refused(string detail) =>
        Error.Invalid("paging.pagerduty-refused", $"PagerDuty refused: {detail}");

    public static Error Denied() =>
        Error.Forbidden("paging.pagerduty-denied", "PagerDuty did not accept Switchboard's credentials for your account; `rolodex check pagerduty` says whether you must reconnect.");

    public static Error RateLimited() =>
        Error.Unavailable("paging.rate-limited", "PagerDuty is limiting how fast this account may call it; try again in a minute.");

    public static Error Unavailable() =>
        Error.Unavailable("paging.pagerduty-unavailable", "PagerDuty could not be reached or failed just now; try again in a moment.");
}
