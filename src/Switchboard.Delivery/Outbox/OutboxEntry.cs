using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchboard.Delivery.Outbox;

/// <summary>
/// One message on its way to one channel through one adapter. Each (channel, adapter) pair is a stream,
/// delivered in id order; a delivered entry is deleted, a dead-lettered one stays with its last error.
/// </summary>
internal sealed class OutboxEntry
{
    public long Id { get; init; }

    /// <summary>The channel's name, lower case without <c>#</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The <see cref="Core.Chat.IChatAdapter.Name"/> that delivers it.</summary>
    public required string Adapter { get; init; }

    public required string ReplyJson { get; init; }

    /// <summary>Entries with one key form a thread in their stream; null for none.</summary>
    public string? ThreadKey { get; init; }

    /// <summary>
    /// A new version of its thread's first message, to replace it in place (a live message), rather than a
    /// reply in its thread; the first message itself when the thread has none yet.
    /// </summary>
    public bool ReplacesFirst { get; init; }

    public DateTimeOffset EnqueuedAt { get; init; }

    public int Attempts { get; set; }

    /// <summary>When the entry may be tried: its enqueue time, or after a failure, the end of its backoff.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Set once the retry budget is spent; <c>deliveries retry</c> clears it.</summary>
    public DateTimeOffset? DeadLetteredAt { get; set; }
}

/// <summary>The first message of a thread in a stream, which the thread's later messages reply under.</summary>
internal sealed class ChatThread
{
    public required string Channel { get; init; }

    public required string Adapter { get; init; }

    public required string ThreadKey { get; init; }

    /// <summary>What the adapter answered for the first message (a built-in message id, Slack's <c>ts</c>).</summary>
    public required string Reference { get; init; }

    public DateTimeOffset StartedAt { get; init; }
}

internal sealed class OutboxConfiguration :
    IEntityTypeConfiguration<OutboxEntry>, IEntityTypeConfiguration<ChatThread>
{
    public const int MaxThreadKey = 300;
    public const int MaxError = 2000;

    public void Configure(EntityTypeBuilder<OutboxEntry> entry)
    {
        entry.ToTable("delivery_outbox");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedOnAdd();
        entry.Property(e => e.Channel).HasMaxLength(80);
        entry.Property(e => e.Adapter).HasMaxLength(32);
        entry.Property(e => e.ThreadKey).HasMaxLength(MaxThreadKey);
        entry.Property(e => e.LastError).HasMaxLength(MaxError);
        entry.HasIndex(e => new { e.Channel, e.Adapter, e.Id });
        entry.HasIndex(e => e.DeadLetteredAt);
    }

    public void Configure(EntityTypeBuilder<ChatThread> thread)
    {
        thread.ToTable("delivery_threads");
        thread.HasKey(t => new { t.Channel, t.Adapter, t.ThreadKey });
        thread.Property(t => t.Channel).HasMaxLength(80);
        thread.Property(t => t.Adapter).HasMaxLength(32);
        thread.Property(t => t.ThreadKey).HasMaxLength(MaxThreadKey);
        thread.Property(t => t.Reference).HasMaxLength(200);
    }
}
