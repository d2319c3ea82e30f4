using Switchboard.Core.Errors;

namespace Switchboard.Delivery.Outbox;

internal static class OutboxErrors
{
    public static Error RetryWhat() =>
        Error.Invalid("deliveries.retry-what", "Name one failed delivery by its id, or retry them all with --all, not both.");

    public static Error NotFailed(long id) =>
        Error.NotFound("deliveries.not-failed", $"Delivery {id} is not a failed delivery; 'deliveries failed' lists them.");
}
