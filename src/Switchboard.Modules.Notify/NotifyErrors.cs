using Switchboard.Core.Errors;
using Switchboard.Modules.Notify.Subscriptions;

namespace Switchboard.Modules.Notify;

internal static class NotifyErrors
{
    public static Error UnknownSource(string source) =>
        Error.Invalid("notify.unknown-source", $"'{source}' is not a source Switchboard knows; use one of {string.Join(", ", SourceFeatures.Known.Keys)}.");

    public static Error UnknownFeature(string source, string feature) =>
        Error.Invalid("notify.unknown-feature", $"'{feature}' is not something {source} sends; use any of {string.Join(", ", SourceFeatures.Known[source])}.");

    public static Error NoChannel() =>
        Error.Invalid("notify.no-channel", "Say which channel gets the notifications with --in #channel.");

    public static Error UnknownChannel(string channel) =>
        Error.NotFound("notify.unknown-channel", $"There is no channel '{channel}'; 'channel list' shows them, 'channel create' makes one.");

    public static Error NotSubscribed(string source, string scope, string channel) =>
        Error.NotFound("notify.not-subscribed", $"#{channel} has no subscription to {source} {scope}; 'subscriptions #{channel}' lists them.");
}
