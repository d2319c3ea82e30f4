using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Slack.Delivery;

/// <summary>
/// A built-in channel whose messages are also posted to a Slack channel. The channel keeps its own history,
/// so the console still shows everything while Slack is away.
/// </summary>
internal sealed class SlackChannelBinding
{
    /// <summary>Switchboard's channel, lower case without <c>#</c>; one Slack channel each.</summary>
    public required string Channel { get; init; }

    /// <summary>Slack's id for the channel (<c>C...</c>, <c>G...</c>), which survives renames.</summary>
    public required string SlackChannelId { get; set; }

    /// <summary>Its name when bound, for people reading the list.</summary>
    public required string SlackChannelName { get; set; }

    public PersonId BoundBy { get; set; }

    public DateTimeOffset BoundAt { get; set; }
}

internal sealed class SlackChannelBindingConfiguration : IEntityTypeConfiguration<SlackChannelBinding>
{
    public void Configure(EntityTypeBuilder<SlackChannelBinding> binding)
    {
        binding.ToTable("slack_channel_bindings");
        binding.HasKey(b => b.Channel);
        binding.Property(b => b.Channel).HasMaxLength(80);
        binding.Property(b => b.SlackChannelId).HasMaxLength(32);
        binding.Property(b => b.SlackChannelName).HasMaxLength(80);
    }
}
