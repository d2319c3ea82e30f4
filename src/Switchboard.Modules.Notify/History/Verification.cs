namespace Switchboard.Modules.Notify.History;

/// <summary>
/// How an event proved where it came from. The log holds only events that passed their source's check
/// (a refused request is answered 401 and never appended), so every logged event was verified, by this.
/// </summary>
internal static class Verification
{
    public static string Of(string source) => source switch
    {
        "github" => "X-Hub-Signature-256 matched a configured secret (HMAC-SHA256 of the body)",
        "pagerduty" => "X-PagerDuty-Signature matched a configured secret (v1, HMAC-SHA256 of the body)",
        "sentry" => "Sentry-Hook-Signature matched a configured secret (HMAC-SHA256 of the body)",
        "rollbar" or "librato" => "The shared token matched a configured secret (the vendor does not sign)",
        _ => "webhook-signature matched a configured secret (Standard Webhooks), timestamp within 5 minutes",
    };
}
