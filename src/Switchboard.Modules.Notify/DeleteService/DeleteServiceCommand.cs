using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Core.Replies;
using Switchboard.Data;
using Switchboard.Modules.Notify.Catalog;
using Switchboard.Modules.Notify.Subscriptions;

namespace Switchboard.Modules.Notify.DeleteService;

/// <summary><c>service delete</c>: removes it from the catalog; its timeline stays, as history does.</summary>
internal sealed class DeleteServiceCommand(ServiceWriter writer, IPersonDirectory directory, SwitchboardDbContext db) : ICommandHandler<DeleteServiceArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "service delete",
        Summary: "Remove a service from the catalog, with the subscriptions that name it.",
        Permission: NotifyPermissions.Catalog,
        Examples: ["service delete web"]);

    public async Task<CommandResult> HandleAsync(DeleteServiceArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        var service = await writer.FindAsync(arguments.Name, cancellationToken);
        if (service is null)
        {
            return NotifyErrors.UnknownService(arguments.Name);
        }

        if (await ServiceOwnership.CheckAsync(service, actor, directory, cancellationToken) is { } refused)
        {
            return refused;
        }

        var scope = ServiceScopes.Service(service.Name);
        var subscriptions = await db.Set<Subscription>().Where(s => s.ScopeKey == scope).ToListAsync(cancellationToken);
        db.RemoveRange(subscriptions);
        await writer.DeleteAsync(service, cancellationToken);
        var also = subscriptions.Count == 0 ? "" : $", with {subscriptions.Count} {(subscriptions.Count == 1 ? "subscription" : "subscriptions")} to it";
        return Reply.Text($"Service **{service.Name}** deleted{also}. Its events now reach only subscriptions to their repositories and ids.", Severity.Success);
    }
}

internal sealed record DeleteServiceArguments([Argument("The service.", MaxLength = ServiceRules.MaxNameLength)] string Name);
