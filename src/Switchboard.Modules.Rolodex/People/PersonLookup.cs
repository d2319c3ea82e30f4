using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Errors;
using Switchboard.Data;

namespace Switchboard.Modules.Rolodex.People;

/// <summary>Finds a person by <c>@handle</c>, e-mail address or exact name, in that order.</summary>
internal static class PersonLookup
{
    public static async Task<(Person? Person, Error? Error)> FindAsync(SwitchboardDbContext db, string reference, CancellationToken cancellationToken)
    {
        var key = reference.Trim().TrimStart('@').ToLowerInvariant();
        var people = db.Set<Person>();
        var person = await people.FirstOrDefaultAsync(p => p.Handle == key, cancellationToken)
            ?? await people.FirstOrDefaultAsync(p => p.Email == key, cancellationToken);
        if (person is not null)
        {
            return (person, null);
        }

        var named = await people.Where(p => p.NameKey == key).Take(5).ToListAsync(cancellationToken);
        return named.Count switch
        {
            0 => (null, RolodexErrors.UnknownPerson(reference)),
            1 => (named[0], null),
            _ => (null, RolodexErrors.AmbiguousPerson(reference, named.Select(p => p.Handle))),
        };
    }
}
