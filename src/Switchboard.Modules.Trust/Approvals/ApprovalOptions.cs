using Microsoft.Extensions.Options;
using Switchboard.Core.Commands;

namespace Switchboard.Modules.Trust.Approvals;

/// <summary>
/// The <c>Trust:Approvals</c> section: how long a request waits for a decision (and, once approved, to run), and
/// the commands this installation makes wait for a second person, by verb (<c>Commands:person disable:Role</c>;
/// a dash may stand for a space, for environment variables: <c>Trust__Approvals__Commands__vault-rekey__Role</c>).
/// </summary>
internal sealed class ApprovalOptions
{
    public const string SectionName = "Trust:Approvals";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    public Dictionary<string, CommandApprovalOptions> Commands { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public CommandApprovalOptions? For(string verb) =>
        Commands.FirstOrDefault(c => string.Equals(Verb(c.Key), verb, StringComparison.OrdinalIgnoreCase)).Value;

    public static string Verb(string key) => key.Trim().Replace('-', ' ');
}

/// <summary>One command's two-person rule.</summary>
internal sealed class CommandApprovalOptions
{
    /// <summary><c>member</c>, <c>lead</c> or <c>admin</c>: the least role in the owning team that may approve.</summary>
    public string Role { get; set; } = "";

    /// <summary>The owning team; by default the team the command acts on, else the team owning its module.</summary>
    public string? Team { get; set; }

    /// <summary>Where requests are posted; by default the channel named like the owning team, when there is one.</summary>
    public string? Channel { get; set; }

    public ApprovalRequirement Requirement => new(Role.Trim().ToLowerInvariant(), Team);
}

/// <summary>Refuses to start on a role that is not one, a command that does not exist, or a lifetime that makes no sense.</summary>
internal sealed class ApprovalOptionsValidation(CommandRegistry registry) : IValidateOptions<ApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalOptions options)
    {
        var problems = new List<string>();
        if (options.Lifetime <= TimeSpan.Zero)
        {
            problems.Add("Trust:Approvals:Lifetime must be a positive duration, such as 01:00:00.");
        }

        foreach (var (key, command) in options.Commands)
        {
            if (registry.Find(ApprovalOptions.Verb(key)) is null)
            {
                problems.Add($"Trust:Approvals:Commands:{key} names no command; use a verb as 'help' lists it, such as 'person disable'.");
            }

            if (!TeamRoles.IsRole(command.Role.Trim().ToLowerInvariant()))
            {
                problems.Add($"Trust:Approvals:Commands:{key}:Role must be member, lead or admin.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
