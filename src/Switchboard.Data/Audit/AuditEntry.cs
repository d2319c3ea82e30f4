using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Data.Audit;

/// <summary>One link of the audit chain. There is no code path that updates or deletes one.</summary>
internal sealed class AuditEntry
{
    public long Sequence { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public PersonId? PersonId { get; init; }

    public required string FrontEnd { get; init; }

    public required string Action { get; init; }

    public required string Outcome { get; init; }

    public string? Code { get; init; }

    public required string Detail { get; init; }

    public required string PreviousHash { get; init; }

    public string Hash { get; private set; } = "";

    /// <summary>Computes the hash once, before the entry is first saved.</summary>
    public AuditEntry Sealed()
    {
        Hash = AuditChain.HashOf(this);
        return this;
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("core_audit_entries");
        entry.HasKey(e => e.Sequence);
        // The writer numbers entries itself: the key is the chain position, and a clash means another
        // process appended first and this batch must be rehashed onto the new head.
        entry.Property(e => e.Sequence).ValueGeneratedNever();
        entry.Property(e => e.FrontEnd).HasMaxLength(32);
        entry.Property(e => e.Action).HasMaxLength(200);
        entry.Property(e => e.Outcome).HasMaxLength(32);
        entry.Property(e => e.Code).HasMaxLength(200);
        entry.Property(e => e.Detail).HasMaxLength(8_000);
        entry.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        entry.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        entry.HasIndex(e => e.OccurredAt);
        entry.HasIndex(e => e.PersonId);
    }
}
