using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Rolodex.People;

/// <summary>A person's account on a service, and how we know it is theirs.</summary>
internal sealed class Identity
{
    public Guid Id { get; init; }

    public PersonId PersonId { get; init; }

    public required string Service { get; init; }

    /// <summary>Empty where the service has no workspaces.</summary>
    public required string Workspace { get; init; }

    public required string ExternalId { get; init; }

    public IdentityProof Proof { get; set; }

    /// <summary>The administrator who asserted the link, when one did.</summary>
    public PersonId? AssertedBy { get; set; }

    public DateTimeOffset LinkedAt { get; set; }

    /// <summary>
    /// The service's other identifier for the account, recorded when the service proves the link: GitHub's
    /// numeric user id (which survives a renamed login), Heroku's account id, PagerDuty's e-mail address.
    /// </summary>
    public string? AlternateId { get; set; }
}

/// <summary>
/// Only a link the service proved (a signed request, an OAuth grant, a code sent there) or an admin
/// asserted, which is audited, lets Switchboard act as the person on that service.
/// </summary>
internal enum IdentityProof
{
    Claimed,
    AssertedByAdmin,
    ProvenByService,
}

internal sealed class IdentityConfiguration : IEntityTypeConfiguration<Identity>
{
    public void Configure(EntityTypeBuilder<Identity> identity)
    {
        identity.ToTable("rolodex_identities");
        identity.HasKey(i => i.Id);
        identity.Property(i => i.Service).HasMaxLength(32);
        identity.Property(i => i.Workspace).HasMaxLength(64);
        identity.Property(i => i.ExternalId).HasMaxLength(320);
        identity.Property(i => i.Proof).HasConversion<string>().HasMaxLength(32);
        identity.Property(i => i.AlternateId).HasMaxLength(320);
        identity.HasIndex(i => new { i.Service, i.Workspace, i.ExternalId }).IsUnique();
        identity.HasIndex(i => i.PersonId);
    }
}
