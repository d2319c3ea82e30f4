using System.Globalization;
using Switchboard.Core.Commands;
using Switchboard.Core.Events;
using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.History;
using static Switchboard.Modules.Notify.Notifications.Markdown;

namespace Switchboard.Modules.Notify.ShowEvent;

/// <summary><c>events show &lt;id&gt;</c>: one event as it was received, how it was verified, how far it got and where it went.</summary>
internal sealed class ShowEventCommand(EventHistory history) : ICommandHandler<ShowEventArguments>
{
    /// <summary>Chat messages are short; the console's event page shows the whole body.</summary>
    public const int BodyShown = 2_000;

    public static CommandDefinition Definition { get; } = new(
        Verb: "events show",
        Summary: "Show one event in full: its keys, status, verification, headers and body, and the channels it was posted to.",
        Permission: NotifyPermissions.Read,
        Examples: ["events show 1"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ShowEventArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (found, error) = await history.FindAsync(arguments.Id, cancellationToken);
        if (found is null)
        {
            return error!;
        }

        var e = found.Summary;
        var timeZone = actor.Person.TimeZone;
        var fields = new List<(string, string)>
        {
            ("Received", EventLines.Time(e.ReceivedAt, timeZone)),
            ("Status", EventLines.Status(e, int.MaxValue)),
            ("Dedupe key", Code(e.DedupeKey)),
            ("Ordering key", found.OrderingKey is { } orderingKey ? Code(orderingKey) : "none"),
            ("Scope", e.Scope is { } scope ? Code(scope) : "unknown"),
            ("Service", e.Service ?? "none"),
            ("Verified", found.Verification),
        };
        if (found.FailedAt is { } failedAt)
        {
            fields.Add(("Dead-lettered at", EventLines.Time(failedAt, timeZone)));
        }

        var (body, cut) = EventBodies.Shortened(found.Body, BodyShown);
        var bytes = found.BodyBytes.ToString("N0", CultureInfo.InvariantCulture);
        var characters = found.Body.Length.ToString("N0", CultureInfo.InvariantCulture);
        return Reply.Build(e.Status == EventStatus.DeadLettered ? Severity.Warning : Severity.Info)
            .Line($"Event **{arguments.Id}**: {e.Source} {Code(e.Type)}")
            .Fields(fields)
            .Section("Posted to", section => Posts(section, found.Posts, timeZone))
            .Section("Headers kept", section => section.Fields(found.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Select(h => (h.Key, Code(h.Value)))))
            .Section(cut ? $"Body, the first {BodyShown.ToString("N0", CultureInfo.InvariantCulture)} of {characters} characters ({bytes} bytes)" : $"Body ({bytes} bytes)", section => section.Line(Code(body)))
            .ToReply();
    }

    private static void Posts(ReplyBuilder section, IReadOnlyList<EventPost> posts, string timeZone)
    {
        if (posts.Count == 0)
        {
            section.Line("No channel yet.");
            return;
        }

        foreach (var post in posts)
        {
            section.Line($"#{post.Channel} at {EventLines.Time(post.PostedAt, timeZone)}{(post.ReplayedBy is { } by ? $", replayed by @{by}" : "")}");
        }
    }
}

internal sealed record ShowEventArguments([Argument("The event's id, as `events` lists it.")] long Id);
