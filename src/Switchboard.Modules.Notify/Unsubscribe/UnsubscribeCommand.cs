using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Delivery.Channels;
using Switchboard.Modules.Notify.Subscribe;
using Switchboard.Modules.Notify.Subscriptions;

namespace Switchboard.Modules.Notify.Unsubscribe;

internal sealed class UnsubscribeCommand(SwitchboardDbContext db, ChannelPosts channels, SourceFeatures sources) : ICommandHandler<UnsubscribeArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "unsubscribe",
        Summary: "Stop sending a source's events about a scope to a channel.",
        Permission: NotifyPermissions.Subscribe,
        Examples: ["unsubscribe pagerduty PF9KMXH --in #ops"]);

    public async Task<CommandResult> HandleAsync(UnsubscribeArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (request, error) = await SubscriptionRequest.ReadAsync(arguments.Source, arguments.Scope, arguments.In, sources, channels, cancellationToken);
        if (request is null)
        {
            return error!;
        }

        var removed = await db.Set<Subscription>()
            .Where(s => s.Source == request.Source && s.ScopeKey == request.ScopeKey && s.Channel == request.Channel)
            .ExecuteDeleteAsync(cancellationToken);
        return removed == 0
            ? NotifyErrors.NotSubscribed(request.Source, request.Scope, request.Channel)
            : Reply.Text($"#{request.Channel} no longer gets {request.Source} events for `{request.Scope}`.", Severity.Success);
    }
}

internal sealed record UnsubscribeArguments(
    [Argument("The source, as subscribed.", MaxLength = 64)] string Source,
    [Argument("The scope, as subscribed.", MaxLength = 200)] string Scope,
    [Option("The channel, e.g. #ops.", MaxLength = 81)] string? In = null);
