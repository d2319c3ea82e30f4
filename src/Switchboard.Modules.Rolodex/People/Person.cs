using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Rolodex.People;

internal sealed class Person
{
    public PersonId Id { get; init; }

    /// <summary>Lower case, unique, written <c>@handle</c>.</summary>
    public required string Handle { get; init; }

    /// <summary>Lower case, unique.</summary>
    public required string Email { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The display name in lower case, so that <c>whois</c> finds a name with an index.</summary>
    public required string NameKey { get; init; }

    /// <summary>An IANA zone, such as <c>Europe/Berlin</c>.</summary>
    public required string TimeZone { get; set; }

    public bool IsAdmin { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set by <c>person disable</c>: the person can neither sign in nor run commands, and everything they did stays.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public PersonId? DisabledBy { get; set; }

    public List<Identity> Identities { get; init; } = [];

    public static string NameKeyOf(string displayName) => displayName.Trim().ToLowerInvariant();

    public PersonSummary ToSummary() => new(Id, Handle, DisplayName, Email, TimeZone, IsAdmin) { IsDisabled = DisabledAt is not null };
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("rolodex_people");
        person.HasKey(p => p.Id);
        person.Property(p => p.Handle).HasMaxLength(64);
        person.Property(p => p.Email).HasMaxLength(320);
        person.Property(p => p.DisplayName).HasMaxLength(200);
        person.Property(p => p.TimeZone).HasMaxLength(64);
        person.HasIndex(p => p.Handle).IsUnique();
        person.HasIndex(p => p.Email).IsUnique();
        person.Property(p => p.NameKey).HasMaxLength(200);
        person.HasIndex(p => p.NameKey);
        person.HasMany(p => p.Identities).WithOne().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
