using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.People;

namespace Switchboard.Modules.Notify.Catalog;

/// <summary>Who may change or delete a service: admins, and the members of its team once that team is in the Rolodex.</summary>
internal static class ServiceOwnership
{
    public static async Task<Error?> CheckAsync(Service service, Actor actor, IPersonDirectory directory, CancellationToken cancellationToken)
    {
        if (actor.IsAdmin)
        {
            return null;
        }

        var team = await directory.FindTeamAsync(service.Team, cancellationToken);
        return team is null || team.Members.Any(m => m.Person.Id == actor.PersonId)
            ? null
            : NotifyErrors.NotOwner(service.Name, service.Team);
    }
}
