using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;
using Switchboard.Modules.Deploy.Targets;

namespace Switchboard.Modules.Deploy.Deployments;

/// <summary>One deploy, promotion or rollback of an app to an environment, from the request to its outcome.</summary>
internal sealed class Deployment
{
    public const int MaxRefLength = 255;

    /// <summary>The number people see and type: <c>#12</c>, <c>deploys show 12</c>.</summary>
    public long Id { get; init; }

    public required string App { get; init; }

    public required string Environment { get; init; }

    public DeployAction Action { get; init; }

    public string? Ref { get; init; }

    public string? FromEnvironment { get; init; }

    public string? Release { get; init; }

    public required string Target { get; init; }

    public required string Service { get; init; }

    public PersonId RequesterId { get; init; }

    public required string RequesterHandle { get; init; }

    /// <summary>Whether red CI was overridden with <c>--force</c>.</summary>
    public bool Forced { get; init; }

    public DeploymentState State { get; set; }

    /// <summary>The step running now, or the last one that ran.</summary>
    public string? Step { get; set; }

    /// <summary>
    /// <c>app/environment</c> while it is queued or running, null once it ended: its unique index lets one deployment
    /// per app and environment be under way, across every server process on the database.
    /// </summary>
    public string? ActiveKey { get; set; }

    public string? Version { get; set; }

    public string? Url { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorDetail { get; set; }

    public DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public static string ActiveKeyOf(string app, string environment) => $"{app}/{environment}";

    /// <summary>What was asked, as a person reads it: <c>api@main to staging</c>, <c>api from staging to production</c>.</summary>
    public string Describe() => Action switch
    {
        DeployAction.Deploy => $"{App}@{Ref} to {Environment}",
        DeployAction.Promote => $"{App} from {FromEnvironment} to {Environment}",
        DeployAction.Rollback => $"{App} in {Environment} back to {Release ?? "the previous release"}",
    };
}

internal enum DeploymentState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>One line a deployment's target reported, kept so that a reader after the fact sees what happened.</summary>
internal sealed class DeploymentLine
{
    public const int MaxTextLength = 2000;

    public long DeploymentId { get; init; }

    /// <summary>The line's place in the deployment's output, from 1.</summary>
    public int Number { get; init; }

    /// <summary>A step's name when the line starts one; null for output.</summary>
    public string? Step { get; init; }

    public required string Text { get; init; }

    public DateTimeOffset At { get; init; }
}

internal sealed class DeploymentConfiguration : IEntityTypeConfiguration<Deployment>
{
    public void Configure(EntityTypeBuilder<Deployment> deployment)
    {
        deployment.ToTable("deploy_deployments");
        deployment.HasKey(d => d.Id);
        deployment.Property(d => d.Id).ValueGeneratedOnAdd();
        deployment.Property(d => d.App).HasMaxLength(DeployNames.MaxLength);
        deployment.Property(d => d.Environment).HasMaxLength(DeployNames.MaxLength);
        deployment.Property(d => d.FromEnvironment).HasMaxLength(DeployNames.MaxLength);
        deployment.Property(d => d.Action).HasConversion<string>().HasMaxLength(16);
        deployment.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        deployment.Property(d => d.Ref).HasMaxLength(Deployment.MaxRefLength);
        deployment.Property(d => d.Release).HasMaxLength(Deployment.MaxRefLength);
        deployment.Property(d => d.Target).HasMaxLength(16);
        deployment.Property(d => d.Service).HasMaxLength(64);
        deployment.Property(d => d.RequesterHandle).HasMaxLength(64);
        deployment.Property(d => d.Step).HasMaxLength(200);
        deployment.Property(d => d.ActiveKey).HasMaxLength((DeployNames.MaxLength * 2) + 1);
        deployment.Property(d => d.Version).HasMaxLength(Deployment.MaxRefLength);
        deployment.Property(d => d.Url).HasMaxLength(2000);
        deployment.Property(d => d.ErrorCode).HasMaxLength(80);
        deployment.Property(d => d.ErrorDetail).HasMaxLength(2000);
        deployment.HasIndex(d => d.ActiveKey).IsUnique();
        deployment.HasIndex(d => new { d.App, d.Environment, d.Id });
    }
}

internal sealed class DeploymentLineConfiguration : IEntityTypeConfiguration<DeploymentLine>
{
    public void Configure(EntityTypeBuilder<DeploymentLine> line)
    {
        line.ToTable("deploy_deployment_lines");
        line.HasKey(l => new { l.DeploymentId, l.Number });
        line.Property(l => l.Step).HasMaxLength(200);
        line.Property(l => l.Text).HasMaxLength(DeploymentLine.MaxTextLength);
        line.HasOne<Deployment>().WithMany().HasForeignKey(l => l.DeploymentId).OnDelete(DeleteBehavior.Cascade);
    }
}
