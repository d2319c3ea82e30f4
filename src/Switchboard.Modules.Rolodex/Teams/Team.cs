using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Rolodex.Teams;

internal sealed class Team
{
    public Guid Id { get; init; }

    /// <summary>Lower case and unique: <c>ops</c>, <c>web-platform</c>.</summary>
    public required string Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<Membership> Members { get; init; } = [];
}

internal sealed class Membership
{
    public Guid TeamId { get; init; }

    public PersonId PersonId { get; init; }

    public TeamRole Role { get; set; }

    public DateTimeOffset JoinedAt { get; init; }
}

internal enum TeamRole
{
    Member,
    Lead,
    Admin,
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.ToTable("rolodex_teams");
        team.HasKey(t => t.Id);
        team.Property(t => t.Name).HasMaxLength(64);
        team.HasIndex(t => t.Name).IsUnique();
        team.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.ToTable("rolodex_memberships");
        membership.HasKey(m => new { m.TeamId, m.PersonId });
        membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        membership.HasOne<People.Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        membership.HasIndex(m => m.PersonId);
    }
}
