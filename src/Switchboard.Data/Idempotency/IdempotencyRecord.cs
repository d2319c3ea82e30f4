using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Data.Idempotency;

internal sealed class IdempotencyRecord
{
    public PersonId PersonId { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the canonical command line, so a key reused for another command is noticed.</summary>
    public required string Fingerprint { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Null while the command runs.</summary>
    public string? ResultJson { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("core_idempotency_records");
        record.HasKey(r => new { r.PersonId, r.Key });
        record.Property(r => r.Key).HasMaxLength(IdempotencyKeys.MaxLength);
        record.Property(r => r.Fingerprint).HasMaxLength(8_000);
        record.HasIndex(r => r.CreatedAt);
    }
}
