using System.Globalization;
using System.Text;
using Switchboard.Core.Errors;
using Switchboard.Core.Parsing;

namespace Switchboard.Core.Commands;

/// <summary>
/// Who may run each use of each command and with what assurance, computed from the commands' own policies
/// for their declared variants (<see cref="CommandDefinition.Variants"/>). <c>permissions</c> shows it, and a
/// test holds it to the checked-in table, <c>docs/authorization-matrix.md</c>.
/// </summary>
public static class AuthorizationMatrix
{
    private const string Header = "| Command | Permission | Anyone | Team member | Team lead | Team admin | Global admin | Assurance | Approval |";

    private const string Separator = "| --- | --- | --- | --- | --- | --- | --- | --- | --- |";
    private const string VariantSecret = "secret";

    /// <summary>One row per variant of the command, with the permission, assurance and approval its own policies give it.</summary>
    public static IReadOnlyList<AuthorizationRow> RowsFor(CommandRegistration command)
    {
        var definition = command.Definition;
        IReadOnlyList<string> lines = definition.Variants.Count > 0 ? definition.Variants
            : definition.Examples.Count > 0 ? [definition.Examples[0]]
            : [command.Verb];
        return [.. lines.Select(line => RowFor(command, line))];
    }

    /// <summary>The whole matrix as a Markdown table, rows in the order of their command lines, so it does not depend on the order modules register.</summary>
    public static IReadOnlyList<string> TableLines(IEnumerable<CommandRegistration> commands) =>
        [Header, Separator, .. commands.SelectMany(RowsFor).OrderBy(r => r.Line, StringComparer.Ordinal).Select(Line)];

    public static string Describe(AssuranceRequirement requirement)
    {
        if (requirement.Level == AssuranceLevel.Identified)
        {
            return "identified";
        }

        var description = new StringBuilder("verified");
        if (requirement.Lifetime is { } lifetime)
        {
            description.Append(CultureInfo.InvariantCulture, $" within {lifetime:c}");
        }

        if (requirement.IsOneUse)
        {
            description.Append(", once per run");
        }

        if (requirement.AppliesOnlyOnceEnrolled)
        {
            description.Append(" once enrolled");
        }

        return description.ToString();
    }

    public static string Describe(ApprovalRequirement? requirement) =>
        requirement is null ? "none" : $"a {requirement.Role} of {requirement.Team ?? "the owning team"}";

    private static AuthorizationRow RowFor(CommandRegistration command, string line)
    {
        var parsed = CommandLineParser.Parse(line);
        var verbWords = command.Verb.Split(' ').Length;
        var leading = string.Join(' ', parsed.Tokens.Take(verbWords).Select(t => t.Text.ToLowerInvariant()));
        if (parsed.Error is not null || leading != command.Verb)
        {
            return new AuthorizationRow(line, null, null, null, Error.Invalid("core.invalid-variant", $"'{line}' does not start with '{command.Verb}'."));
        }

        var bound = ArgumentBinder.Bind(command.Verb, command.Signature, parsed.Tokens.Skip(verbWords).ToList(), command.Signature.Secret is null ? null : VariantSecret);
        return bound.Error is not null
            ? new AuthorizationRow(line, null, null, null, bound.Error)
            : new AuthorizationRow(
                line,
                command.Definition.Permission.RequiredFor(bound.Arguments!),
                command.Definition.Assurance.RequirementFor(bound.Arguments!),
                command.Definition.Approval.RequirementFor(bound.Arguments!),
                null);
    }

    private static string Line(AuthorizationRow row)
    {
        if (row.Error is not null)
        {
            return $"| `{row.Line}` | does not bind ({row.Error.Code}): declare variants that do | | | | | | | |";
        }

        var permission = row.Permission!;
        var team = permission.IsTeamPermission ? $" (team {permission.Team ?? "?"})" : "";
        var holds = new[] { PermissionHolder.AnyPerson, PermissionHolder.TeamMembers, PermissionHolder.TeamLeads, PermissionHolder.TeamAdmins, PermissionHolder.Admins }
            .Select(holder => holder >= permission.HeldBy ? "yes" : "-");
        return $"| `{row.Line}` | {permission.Name}{team} | {string.Join(" | ", holds)} | {Describe(row.Assurance!)} | {Describe(row.Approval)} |";
    }
}

/// <summary>One use of a command, as the matrix shows it; <paramref name="Error"/> when its line does not bind.</summary>
public sealed record AuthorizationRow(string Line, Permission? Permission, AssuranceRequirement? Assurance, ApprovalRequirement? Approval, Error? Error);
