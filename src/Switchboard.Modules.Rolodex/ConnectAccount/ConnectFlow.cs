using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Core.People;

namespace Switchboard.Modules.Rolodex.ConnectAccount;

/// <summary>
/// One authorization-code flow in progress: started by a console session, completed once by the same
/// session. Only the hash of its <c>state</c> is kept; the PKCE verifier is kept until the code is
/// exchanged, and is useless without the code, which only the person's browser receives.
/// </summary>
internal sealed class ConnectFlow
{
    public Guid Id { get; init; }

    /// <summary>SHA-256 of the <c>state</c> parameter, in lower-case hex.</summary>
    public required string StateHash { get; init; }

    public PersonId PersonId { get; init; }

    /// <summary>The console session that started the flow; no other session can complete it.</summary>
    public Guid SessionId { get; init; }

    public required string Service { get; init; }

    public string? CodeVerifier { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }
}

internal sealed class ConnectFlowConfiguration : IEntityTypeConfiguration<ConnectFlow>
{
    public void Configure(EntityTypeBuilder<ConnectFlow> flow)
    {
        flow.ToTable("rolodex_connect_flows");
        flow.HasKey(f => f.Id);
        flow.Property(f => f.StateHash).HasMaxLength(64);
        flow.HasIndex(f => f.StateHash).IsUnique();
        flow.Property(f => f.Service).HasMaxLength(32);
        flow.Property(f => f.CodeVerifier).HasMaxLength(128);
        // Lapsed flows are swept by their expiry.
        flow.HasIndex(f => f.ExpiresAt);
        flow.HasOne<People.Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
