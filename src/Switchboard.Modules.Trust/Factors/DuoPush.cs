using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.Errors;
using Switchboard.Core.People;
using Switchboard.Data;

namespace Switchboard.Modules.Trust.Factors;

/// <summary>
/// Duo push enrolled as a person's second factor, after they approved a first push. The Duo username is not kept here:
/// it is the person's Duo account in the Rolodex that an administrator vouched for, read at every push, so that a claim
/// of someone else's username can never send the push to the claimant's phone.
/// </summary>
internal sealed class DuoEnrollment
{
    public PersonId PersonId { get; init; }

    public DateTimeOffset EnrolledAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }
}

internal sealed class DuoEnrollmentConfiguration : IEntityTypeConfiguration<DuoEnrollment>
{
    public void Configure(EntityTypeBuilder<DuoEnrollment> enrollment)
    {
        enrollment.ToTable("trust_duo_enrollments");
        enrollment.HasKey(e => e.PersonId);
    }
}

/// <summary>Asks a person to approve on their phone, through the Duo account the Rolodex vouches is theirs.</summary>
internal sealed class DuoPushes(SwitchboardDbContext db, IPersonDirectory people, DuoAuthClient duo, TimeProvider clock)
{
    /// <summary>Enrolls Duo push once the person approves a first push, which proves the phone is theirs.</summary>
    public async Task<Error?> EnrollAsync(PersonId person, CancellationToken cancellationToken)
    {
        if (await db.Set<DuoEnrollment>().AnyAsync(e => e.PersonId == person, cancellationToken))
        {
            return TrustErrors.DuoAlreadyEnrolled();
        }

        if (await UsernameAsync(person, cancellationToken) is not { } username)
        {
            return TrustErrors.NoDuoAccount();
        }

        if ((await duo.CanPushAsync(username, cancellationToken) ?? await duo.PushAsync(username, "Enroll in Switchboard", cancellationToken)) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        db.Add(new DuoEnrollment { PersonId = person, EnrolledAt = now, LastUsedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>One push to approve; null when the person approved it.</summary>
    public async Task<Error?> ApproveAsync(PersonId person, CancellationToken cancellationToken)
    {
        if (!await db.Set<DuoEnrollment>().AnyAsync(e => e.PersonId == person, cancellationToken))
        {
            return TrustErrors.DuoNotEnrolled();
        }

        if (await UsernameAsync(person, cancellationToken) is not { } username)
        {
            return TrustErrors.NoDuoAccount();
        }

        if (await duo.PushAsync(username, "Verify", cancellationToken) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        await db.Set<DuoEnrollment>().Where(e => e.PersonId == person).ExecuteUpdateAsync(set => set.SetProperty(e => e.LastUsedAt, now), cancellationToken);
        return null;
    }

    private async Task<string?> UsernameAsync(PersonId person, CancellationToken cancellationToken) =>
        (await people.ProvenIdentitiesAsync(person, "duo", cancellationToken)) is [var newest, ..] ? newest.Identity.ExternalId : null;
}
