using Switchboard.Core.Catalog;
using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Notifications;

namespace Switchboard.Modules.Notify.Catalog;

/// <summary>How a service reads in a reply: its owner, channel and links, one field each.</summary>
internal static class ServiceCard
{
    public static IEnumerable<(string Name, string Value)> Fields(CatalogEntry service)
    {
        yield return ("Team", service.Team);
        yield return ("Channel", service.Channel is null ? "none: only subscriptions hear of it" : "#" + service.Channel);
        foreach (var kind in Enum.GetValues<ServiceLinkKind>())
        {
            var values = service.LinksOf(kind).ToList();
            if (values.Count > 0)
            {
                yield return (Label(kind), string.Join(", ", values.Select(v => $"`{v}`")));
            }
        }
    }

    public static string Label(ServiceLinkKind kind) => kind switch
    {
        ServiceLinkKind.Repository => "Repositories",
        ServiceLinkKind.PagerDuty => "PagerDuty",
        ServiceLinkKind.Sentry => "Sentry",
        ServiceLinkKind.Rollbar => "Rollbar",
        ServiceLinkKind.Librato => "Librato",
    };

    public static Reply Show(CatalogEntry service, string headline, Severity severity = Severity.Info, string? note = null) =>
        Reply.Build(severity)
            .Line(headline)
            .Fields(Fields(service))
            .LineIfAny(note)
            .ToReply();
}
