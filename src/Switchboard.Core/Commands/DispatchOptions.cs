namespace Switchboard.Core.Commands;

public sealed class DispatchOptions
{
    public const string SectionName = "Audit";

    /// <summary>Read-only commands are counted in metrics; auditing them too is this setting.</summary>
    public bool AuditReadOnlyCommands { get; set; }
}
