using Switchboard.Core.Commands;
using Switchboard.Core.People;
using Switchboard.Core.Replies;

namespace Switchboard.Modules.Trust.ShowPermissions;

/// <summary>
/// <c>permissions [command|@person]</c>: for a command, who may run each of its uses, with which assurance and
/// whose approval; for a person (yourself by default), their roles and what those let them run. <c>--matrix</c>
/// prints the whole authorization matrix, the table <c>docs/authorization-matrix.md</c> holds the code to.
/// </summary>
internal sealed class ShowPermissionsCommand(CommandRegistry registry, IPersonDirectory directory, IApprovals approvals) : ICommandHandler<ShowPermissionsArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "permissions",
        Summary: "Who may run a command (by role, assurance and approval), or what a person may do.",
        Permission: TrustPermissions.ReadPermissions,
        Examples: ["permissions team add", "permissions"])
    {
        IsReadOnly = true,
    };

    public async Task<CommandResult> HandleAsync(ShowPermissionsArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (arguments.Matrix)
        {
            return Reply.Text(string.Join('\n', AuthorizationMatrix.TableLines(registry.Commands)));
        }

        var subject = arguments.Subject?.Trim();
        if (string.IsNullOrEmpty(subject))
        {
            return await PersonAsync(actor.Person, cancellationToken);
        }

        if (!subject.StartsWith('@') && registry.Find(subject) is { } command)
        {
            return Command(command);
        }

        return await directory.FindAsync(subject, cancellationToken) is { } person
            ? await PersonAsync(person, cancellationToken)
            : TrustErrors.UnknownSubject(subject);
    }

    private Reply Command(CommandRegistration command)
    {
        var reply = Reply.Build().Line($"Who may run **{command.Verb}** ({command.Module.Name} module, owned by {command.Module.OwningTeam}):");
        foreach (var row in AuthorizationMatrix.RowsFor(command))
        {
            reply.Section($"`{row.Line}`", section =>
            {
                if (row.Error is not null)
                {
                    section.Line($"This variant does not bind: {row.Error.Detail}");
                    return;
                }

                section.Fields(
                    ("Who", Capitalized(row.Permission!.Holders)),
                    ("Permission", row.Permission.Name),
                    ("Assurance", AuthorizationMatrix.Describe(row.Assurance!)),
                    ("Approval", Approval(command, row)));
            });
        }

        return reply.ToReply();
    }

    private string Approval(CommandRegistration command, AuthorizationRow row)
    {
        var requirement = approvals.ConfiguredFor(command.Verb) ?? row.Approval;
        return requirement is null
            ? "none"
            : $"another {requirement.Role} of team {requirement.Team ?? row.Permission!.Team ?? command.Module.OwningTeam}";
    }

    private async Task<CommandResult> PersonAsync(PersonSummary person, CancellationToken cancellationToken)
    {
        var teams = await directory.TeamsOfAsync(person.Id, cancellationToken);
        var rows = registry.Commands.SelectMany(c => AuthorizationMatrix.RowsFor(c).Where(r => r.Permission is not null).Select(r => (Command: c, Row: r))).ToList();
        var reply = Reply.Build()
            .Line(person.IsDisabled ? $"@{person.Handle} is disabled and may run nothing; what follows applies if they are enabled again." : $"What @{person.Handle} may do:")
            .Fields(
                ("Administrator", person.IsAdmin ? "yes: every command, each with the assurance it needs" : "no"),
                ("Teams", teams.Count == 0 ? "none" : string.Join(", ", teams.Select(t => $"{t.Team} ({t.Role})"))),
                ("Anyone may run", "what `permissions --matrix` marks for anyone"));
        if (person.IsAdmin)
        {
            return reply.ToReply();
        }

        foreach (var team in teams)
        {
            var held = rows
                .Where(r => r.Row.Permission!.IsTeamPermission && TeamRoles.IsAtLeast(team.Role, r.Row.Permission.LeastRole))
                .Select(r => $"`{r.Command.Verb}`")
                .Distinct()
                .ToList();
            if (held.Count > 0)
            {
                reply.Section($"In team {team.Team}, as {team.Role}", section => section.Line(string.Join(", ", held)));
            }
        }

        var adminsOnly = rows.Where(r => r.Row.Permission!.HeldBy == PermissionHolder.Admins).Select(r => $"`{r.Row.Line}`").ToList();
        if (adminsOnly.Count > 0)
        {
            reply.Section("Not without an administrator", section => section.Line(string.Join(", ", adminsOnly)));
        }

        return reply.ToReply();
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}

internal sealed record ShowPermissionsArguments(
    [Argument("A command (team add) or a person (@alice); yourself when omitted.", TakesRest = true, MaxLength = 320)] string? Subject = null,
    [Option("Print the whole authorization matrix as a Markdown table.")] bool Matrix = false);
