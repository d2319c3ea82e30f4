using Switchboard.Core.Catalog;
using Switchboard.Core.Commands;
using Switchboard.Core.Replies;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.Timeline;

namespace Switchboard.Modules.Notify.ShowErrors;

/// <summary><c>errors</c>: a service's new and reactivated errors from Sentry and Rollbar, and its open alerts.</summary>
internal sealed class ErrorsCommand(ServiceCatalog catalog, ServiceTimeline timeline, TimeProvider clock) : ICommandHandler<ErrorsArguments>
{
    private const int Shown = 25;

    public static CommandDefinition Definition { get; } = new(
        Verb: "errors",
        Summary: "A service's new and reactivated errors, and its open alerts.",
        Permission: NotifyPermissions.Read,
        Examples: ["errors api", "errors api --since 7d"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ErrorsArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var (span, error) = Lookback.Parse(arguments.Since);
        if (span is null)
        {
            return error!;
        }

        if (await catalog.FindAsync(arguments.Service, cancellationToken) is not { } service)
        {
            return NotifyErrors.UnknownService(arguments.Service);
        }

        var errors = await timeline.ReadAsync(service.Name, clock.GetUtcNow() - span.Value, [TimelineKind.Error], Shown, cancellationToken);
        var open = await timeline.OpenAlertsAsync(service.Name, cancellationToken);
        var reply = Reply.Build(errors.Count + open.Count == 0 ? Severity.Success : Severity.Warning)
            .Line(errors.Count == 0
                ? $"No new or reactivated errors in **{service.Name}** in the last {arguments.Since}."
                : $"{errors.Count} new or reactivated {(errors.Count == 1 ? "error" : "errors")} in **{service.Name}**, last {arguments.Since}:");
        foreach (var entry in errors)
        {
            reply.Line(TimelineLines.Line(entry, actor.Person.TimeZone));
        }

        reply.Line(open.Count == 0 ? "No open alerts." : $"{open.Count} open {(open.Count == 1 ? "alert" : "alerts")}:");
        foreach (var alert in open)
        {
            reply.Line(TimelineLines.Line(alert, actor.Person.TimeZone));
        }

        return reply.ToReply();
    }
}

internal sealed record ErrorsArguments(
    [Argument("The service.", MaxLength = ServiceRules.MaxNameLength)] string Service,
    [Option("How far back: 90m, 24h, 7d.", MaxLength = 8)] string Since = "24h");
