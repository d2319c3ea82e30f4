using Switchboard.Core.Errors;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>Why a webhook was refused, worded for the operator who configured the sender. Never echoes a secret.</summary>
internal static class WebhookRefusals
{
    public static Error MissingSignature(string header) => Error.Unauthenticated(
        "hooks.missing-signature",
        $"The request has no {header} header. Check that the sender is set up to sign its webhooks and that no proxy strips the header.");

    public static Error BadSignature(string header) => Error.Unauthenticated(
        "hooks.bad-signature",
        $"The {header} header does not match the body under any of this source's secrets. Check that the sender's signing secret is one of them and that nothing between the sender and Switchboard rewrites the body.");

    public static Error StaleRequest(TimeSpan tolerance) => Error.Unauthenticated(
        "hooks.stale-request",
        $"The webhook-timestamp is not a Unix time within {tolerance.TotalMinutes:0} minutes of this server's clock. Check that the sender's and this server's clocks are synchronised; a replayed request is refused the same way.");

    public static Error MissingDeliveryId(string header) => Error.Invalid(
        "hooks.missing-delivery-id",
        $"The request is signed but has no {header} header, so a redelivery could not be recognised. Check that no proxy strips the header.");

    public static Error MissingEventType(string header) => Error.Invalid(
        "hooks.missing-event-type",
        $"The request is signed but has no {header} header, so the event cannot be routed. Check that no proxy strips the header.");

    public static Error MissingToken() => Error.Unauthenticated(
        "hooks.missing-token",
        "The request has neither a token query parameter nor a Basic password. Add ?token= with one of this source's secrets to the webhook URL configured at the sender.");

    public static Error BadToken() => Error.Unauthenticated(
        "hooks.bad-token",
        "The token or Basic password matches none of this source's secrets. Check the webhook URL configured at the sender against this source's secrets.");
}
