using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Deploy.Deployments;

/// <summary>A person holds an app's environment: nobody else deploys there until they unlock it.</summary>
internal sealed class DeployLock
{
    public const int MaxReasonLength = 300;

    public required string App { get; init; }

    public required string Environment { get; init; }

    public PersonId HolderId { get; init; }

    public required string HolderHandle { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset LockedAt { get; init; }
}

/// <summary>No deploys to an environment (of every app) or of a service's apps, until it is unfrozen or <see cref="Until"/> passes.</summary>
internal sealed class DeployFreeze
{
    public DeployFreezeScope Scope { get; init; }

    /// <summary>The environment's or the service's name, lower case.</summary>
    public required string Name { get; init; }

    public PersonId FrozenById { get; init; }

    public required string FrozenByHandle { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset FrozenAt { get; init; }

    public DateTimeOffset? Until { get; init; }

    public bool IsInForceAt(DateTimeOffset now) => Until is null || Until > now;
}

internal enum DeployFreezeScope
{
    Environment,
    Service,
}

internal sealed class DeployLockConfiguration : IEntityTypeConfiguration<DeployLock>
{
    public void Configure(EntityTypeBuilder<DeployLock> deployLock)
    {
        deployLock.ToTable("deploy_locks");
        deployLock.HasKey(l => new { l.App, l.Environment });
        deployLock.Property(l => l.App).HasMaxLength(DeployNames.MaxLength);
        deployLock.Property(l => l.Environment).HasMaxLength(DeployNames.MaxLength);
        deployLock.Property(l => l.HolderHandle).HasMaxLength(64);
        deployLock.Property(l => l.Reason).HasMaxLength(DeployLock.MaxReasonLength);
    }
}

internal sealed class DeployFreezeConfiguration : IEntityTypeConfiguration<DeployFreeze>
{
    public void Configure(EntityTypeBuilder<DeployFreeze> freeze)
    {
        freeze.ToTable("deploy_freezes");
        freeze.HasKey(f => new { f.Scope, f.Name });
        freeze.Property(f => f.Scope).HasConversion<string>().HasMaxLength(16);
        freeze.Property(f => f.Name).HasMaxLength(DeployNames.MaxLength);
        freeze.Property(f => f.FrozenByHandle).HasMaxLength(64);
        freeze.Property(f => f.Reason).HasMaxLength(DeployLock.MaxReasonLength);
    }
}
