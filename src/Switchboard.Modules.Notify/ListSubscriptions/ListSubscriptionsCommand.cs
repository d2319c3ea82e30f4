using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Notify.Subscriptions;
using static Switchboard.Modules.Notify.Notifications.Markdown;

namespace Switchboard.Modules.Notify.ListSubscriptions;

internal sealed class ListSubscriptionsCommand(SwitchboardDbContext db) : ICommandHandler<ListSubscriptionsArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "subscriptions",
        Summary: "List what each channel, or one channel, is subscribed to.",
        Permission: NotifyPermissions.Read,
        Examples: ["subscriptions", "subscriptions #ops"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ListSubscriptionsArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var channel = arguments.Channel?.TrimStart('#').ToLowerInvariant();
        var subscriptions = await db.Set<Subscription>().AsNoTracking()
            .Where(s => channel == null || s.Channel == channel)
            .OrderBy(s => s.Channel).ThenBy(s => s.Source).ThenBy(s => s.Scope)
            .ToListAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            return Reply.Text($"{(channel is null ? "No channel is" : $"#{channel} is not")} subscribed to anything. `subscribe github owner/repo --in #channel` starts one.");
        }

        var reply = Reply.Build();
        foreach (var group in subscriptions.GroupBy(s => s.Channel))
        {
            reply.Section("#" + group.Key, section => section.Fields(group.Select(s => ($"{s.Source} `{s.Scope}`", Describe(s)))));
        }

        return reply.ToReply();
    }

    private static string Describe(Subscription subscription) =>
        subscription.Features.Replace(" ", ", ", StringComparison.Ordinal) + (subscription.Filter is { } filter ? $" matching {Code(filter.Text)}" : "");
}

internal sealed record ListSubscriptionsArguments([Argument("Only this channel, e.g. #ops.", MaxLength = 81)] string? Channel = null);
