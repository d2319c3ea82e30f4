namespace Switchboard.Core.Catalog;

/// <summary>
/// A module's word that it keeps the owning service's channel informed about one feature of a webhook source itself
/// (one message per thing, kept current), so the router that posts notifications leaves that channel out for them.
/// Channels that subscribed are unaffected. The module that posts registers it as a singleton; without one, the
/// router posts as before.
/// </summary>
/// <param name="Source">The webhook source, as in <c>/hooks/{source}</c>: <c>pagerduty</c>.</param>
/// <param name="Feature">The source's feature, as subscriptions name it: <c>incidents</c>.</param>
public sealed record OwningChannelMessages(string Source, string Feature);
