using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Data;
using Switchboard.Data.Database;

namespace Switchboard.Modules.Rolodex.People;

/// <summary>Adds a person, with their e-mail address as an identity the adding admin vouches for.</summary>
internal static class Enrollment
{
    public static async Task<(Person? Person, Error? Error)> EnrollAsync(
        SwitchboardDbContext db,
        NewPerson request,
        PersonId? addedBy,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var email = request.Email.Trim().ToLowerInvariant();
        if (!PersonRules.IsEmail(email))
        {
            return (null, RolodexErrors.InvalidEmail(request.Email));
        }

        var handle = request.Handle?.TrimStart('@').ToLowerInvariant() ?? await FreeHandleAsync(db, PersonRules.HandleFrom(email), cancellationToken);
        if (!PersonRules.IsHandle(handle))
        {
            return (null, RolodexErrors.InvalidHandle(handle));
        }

        var timeZone = request.TimeZone ?? "UTC";
        if (!PersonRules.IsTimeZone(timeZone))
        {
            return (null, RolodexErrors.UnknownTimeZone(timeZone));
        }

        // The admin vouches for this address, which outweighs anyone's unproven claim to it.
        await db.Set<Identity>()
            .Where(i => i.Service == "email" && i.Workspace == "" && i.ExternalId == email && i.Proof == IdentityProof.Claimed)
            .ExecuteDeleteAsync(cancellationToken);

        var id = new PersonId(Guid.CreateVersion7(now));
        var displayName = string.IsNullOrWhiteSpace(request.Name) ? handle : request.Name.Trim();
        var person = new Person
        {
            Id = id,
            Handle = handle,
            Email = email,
            DisplayName = displayName,
            NameKey = Person.NameKeyOf(displayName),
            TimeZone = timeZone,
            IsAdmin = request.IsAdmin,
            CreatedAt = now,
            Identities =
            [
                new Identity
                {
                    Id = Guid.CreateVersion7(now),
                    PersonId = id,
                    Service = "email",
                    Workspace = "",
                    ExternalId = email,
                    Proof = IdentityProof.AssertedByAdmin,
                    AssertedBy = addedBy,
                    LinkedAt = now,
                },
            ],
        };
        db.Add(person);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (person, null);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            if (await db.Set<Person>().AnyAsync(p => p.Email == email, cancellationToken))
            {
                return (null, RolodexErrors.PersonExists(email));
            }

            return await db.Set<Person>().AnyAsync(p => p.Handle == handle, cancellationToken)
                ? (null, RolodexErrors.HandleTaken(handle))
                : (null, RolodexErrors.IdentityTaken("email", email));
        }
    }

    private static async Task<string> FreeHandleAsync(SwitchboardDbContext db, string wanted, CancellationToken cancellationToken)
    {
        var taken = await db.Set<Person>().Where(p => p.Handle.StartsWith(wanted)).Select(p => p.Handle).ToListAsync(cancellationToken);
        return Enumerable.Range(1, taken.Count + 1)
            .Select(n => n == 1 ? wanted : wanted + n)
            .First(candidate => !taken.Contains(candidate));
    }
}

internal sealed record NewPerson(string Email, string? Name, string? Handle, string? TimeZone, bool IsAdmin);
