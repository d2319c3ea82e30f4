using Switchboard.Core.Events;

namespace Switchboard.Modules.Notify.Hooks;

/// <summary>
/// One vendor's way of proving that a webhook came from it. A scheme checks the request against every
/// configured secret (any one may match, so secrets rotate without downtime), in constant time, and
/// reads only what must be known before the event is appended: its dedupe key, type and ordering key.
/// </summary>
internal interface IWebhookScheme
{
    WebhookVerdict Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now);
}
