using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Replies;

namespace Switchboard.Core.Help;

/// <summary><c>help</c> lists commands by module and owner; <c>help &lt;command&gt;</c> gives usage and examples.</summary>
internal sealed class HelpCommand(CommandRegistry registry) : ICommandHandler<HelpArguments>
{
    public static CommandDefinition Definition { get; } = new(
        Verb: "help",
        Summary: "List the commands, or show how to use one.",
        Permission: CorePermissions.Help,
        Examples: ["help", "help team create"])
    {
        IsReadOnly = true,
    };

    public Task<CommandResult> HandleAsync(HelpArguments arguments, Actor actor, CancellationToken cancellationToken) =>
        Task.FromResult(arguments.Command is { } name ? Describe(name, actor) : List(actor));

    private CommandResult List(Actor actor)
    {
        var reply = Reply.Build().Line("Commands you can run here, by module. Type `help <command>` for usage.");
        foreach (var module in Offered(actor).GroupBy(c => c.Module))
        {
            reply.Section(
                $"{module.Key.Name} (owned by {module.Key.OwningTeam})",
                section => section.Fields(module.Select(c => (c.Verb, c.Definition.Summary))));
        }

        return reply.ToReply();
    }

    private CommandResult Describe(string name, Actor actor)
    {
        var command = Offered(actor).FirstOrDefault(c => string.Equals(c.Verb, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            var group = Offered(actor).Where(c => c.Verb.StartsWith(name.Trim().ToLowerInvariant() + " ", StringComparison.Ordinal)).ToList();
            return group.Count > 0
                ? Reply.Build().Line($"`{name}` has these commands:").Fields(group.Select(c => (c.Verb, c.Definition.Summary))).ToReply()
                : Error.NotFound("core.unknown-command", $"There is no command '{name}'. Type 'help' to see them all.");
        }

        var reply = Reply.Build()
            .Line($"**{command.Verb}**: {command.Definition.Summary}")
            .Fields(
                ("Usage", command.Usage),
                ("Module", $"{command.Module.Name} (owned by {command.Module.OwningTeam})"),
                ("Permission", command.Definition.Permission.Least.Name));
        if (command.Signature.Arguments.Count > 0)
        {
            reply.Section("Arguments", s => s.Fields(command.Signature.Arguments.Select(a => (a.Usage, a.Help))));
        }

        if (command.Definition.Examples.Count > 0)
        {
            reply.Section("Examples", s => s.Line(string.Join('\n', command.Definition.Examples)));
        }

        return reply.ToReply();
    }

    private IEnumerable<CommandRegistration> Offered(Actor actor) =>
        registry.Commands.Where(c => !c.Definition.NotOfferedOn.Contains(actor.FrontEnd));
}

internal sealed record HelpArguments([Argument("A command, such as 'team create', to show its usage.", TakesRest = true)] string? Command = null);
