using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Delivery.Channels;

/// <summary>A built-in chat channel: a shared one such as <c>#ops</c>, or a person's private inbox.</summary>
internal sealed class Channel
{
    public Guid Id { get; init; }

    /// <summary><c>ops</c> for a shared channel, <c>@alice</c> for Alice's inbox.</summary>
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Set for an inbox, which only its owner reads.</summary>
    public PersonId? OwnerPersonId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsInbox => OwnerPersonId is not null;
}

/// <summary>A message in a built-in channel, with its rich reply for front ends that render one.</summary>
internal sealed class ChannelMessage
{
    /// <summary>Increases with every message, so readers page with <c>?after=</c>.</summary>
    public long Id { get; init; }

    public Guid ChannelId { get; init; }

    public PersonId? AuthorPersonId { get; init; }

    public required string Text { get; set; }

    public required string ReplyJson { get; set; }

    public DateTimeOffset PostedAt { get; init; }

    /// <summary>When a live message (an incident, a deployment) was last replaced in place; null if never.</summary>
    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>The message whose thread this one replies in (a merge under its pull request); null for a message of its own.</summary>
    public long? ThreadOf { get; init; }
}

internal sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public static readonly DateTimeOffset SeededAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Configure(EntityTypeBuilder<Channel> channel)
    {
        channel.ToTable("delivery_channels");
        channel.HasKey(c => c.Id);
        channel.Property(c => c.Name).HasMaxLength(80);
        channel.Property(c => c.Description).HasMaxLength(500);
        channel.HasIndex(c => c.Name).IsUnique();
        channel.HasIndex(c => c.OwnerPersonId).IsUnique();
        channel.HasData(
            new Channel { Id = new Guid("0193a000-0000-7000-8000-000000000001"), Name = "ops", Description = "Operations: pages, incidents and the people on call.", CreatedAt = SeededAt },
            new Channel { Id = new Guid("0193a000-0000-7000-8000-000000000002"), Name = "deploys", Description = "Deployments as they start, pass and fail.", CreatedAt = SeededAt });
    }
}

internal sealed class ChannelMessageConfiguration : IEntityTypeConfiguration<ChannelMessage>
{
    public void Configure(EntityTypeBuilder<ChannelMessage> message)
    {
        message.ToTable("delivery_channel_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Id).ValueGeneratedOnAdd();
        message.Property(m => m.Text).HasMaxLength(40_000);
        message.HasOne<Channel>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
        message.HasIndex(m => new { m.ChannelId, m.Id });
        message.HasIndex(m => new { m.ChannelId, m.EditedAt });
        message.HasOne<ChannelMessage>().WithMany().HasForeignKey(m => m.ThreadOf).OnDelete(DeleteBehavior.NoAction);
    }
}
