using Switchboard.Core.Commands;
using Switchboard.Core.Errors;
using Switchboard.Core.Modules;
using Switchboard.Core.Parsing;
using Switchboard.Core.Replies;

namespace Switchboard.Core.Tests.Commands;

public sealed class CommandRegistryTests
{
    private static readonly ModuleDescriptor Teams = new("teams", "platform");
    private static readonly ModuleDescriptor Paging = new("paging", "sre");
    private static readonly ModuleDescriptor Deploy = new("deploy", "platform");

    private readonly CommandRegistry _registry = new(
    [
        CommandRegistration.For<ShowTeamCommand>(Teams),
        CommandRegistration.For<CreateTeamCommand>(Teams),
        CommandRegistration.For<AcknowledgePageCommand>(Paging),
        CommandRegistration.For<ListPagesCommand>(Paging),
        CommandRegistration.For<StartDeploymentCommand>(Deploy),
    ]);

    [Fact]
    public void ResolvesTheLongestVerb()
    {
        var (command, wordsUsed, error) = _registry.Resolve(Tokens("team create ops"));

        Assert.Null(error);
        Assert.Equal("team create", command?.Verb);
        Assert.Equal(2, wordsUsed);
    }

    [Fact]
    public void FallsBackToTheShorterVerbWhenTheNextWordIsAnArgument()
    {
        var (command, wordsUsed, error) = _registry.Resolve(Tokens("team ops"));

        Assert.Null(error);
        Assert.Equal("team", command?.Verb);
        Assert.Equal(1, wordsUsed);
    }

    [Fact]
    public void MatchesVerbsWhateverTheirCase()
    {
        var (command, _, _) = _registry.Resolve(Tokens("Team CREATE ops"));

        Assert.Equal("team create", command?.Verb);
    }

    [Fact]
    public void OnlyLeadingWordsCanNameTheVerb()
    {
        var (command, wordsUsed, _) = _registry.Resolve(Tokens("team @create"));

        Assert.Equal("team", command?.Verb);
        Assert.Equal(1, wordsUsed);
    }

    [Fact]
    public void KeepsTheRegistrationsModuleAndSignature()
    {
        var (command, _, _) = _registry.Resolve(Tokens("team create ops"));

        Assert.Equal(Teams, command?.Module);
        Assert.Equal("team create <name>", command?.Usage);
    }

    [Fact]
    public void AnUnknownCommandSuggestsTheClosestVerb()
    {
        var (command, _, error) = _registry.Resolve(Tokens("deplyo web"));

        Assert.Null(command);
        Assert.NotNull(error);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("core.unknown-command", error.Code);
        Assert.Contains("'deplyo' is not a command. Did you mean 'deploy'?", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTwoWordCommandIsComparedWithTwoWordVerbs()
    {
        var (_, _, error) = _registry.Resolve(Tokens("pagse ack 1234"));

        Assert.NotNull(error);
        Assert.Contains("Did you mean 'pages ack'?", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownCommandFarFromEveryVerbGetsNoSuggestion()
    {
        var (_, _, error) = _registry.Resolve(Tokens("xyzzy"));

        Assert.NotNull(error);
        Assert.Equal("core.unknown-command", error.Code);
        Assert.DoesNotContain("Did you mean", error.Detail, StringComparison.Ordinal);
        Assert.Contains("Type 'help' to see them all.", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownSubVerbListsTheGroupsVerbs()
    {
        var (command, _, error) = _registry.Resolve(Tokens("pages snooze 1234"));

        Assert.Null(command);
        Assert.NotNull(error);
        Assert.Equal("core.unknown-command", error.Code);
        Assert.Equal("'pages snooze' is not a command. pages has: pages ack, pages list.", error.Detail);
    }

    [Fact]
    public void AGroupWordAloneListsTheGroupsVerbs()
    {
        var (_, _, error) = _registry.Resolve(Tokens("pages"));

        Assert.NotNull(error);
        Assert.Contains("pages has: pages ack, pages list.", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--help")]
    [InlineData("@alice hello")]
    public void ALineThatDoesNotStartWithAWordIsAnEmptyCommand(string text)
    {
        var (command, _, error) = _registry.Resolve(Tokens(text));

        Assert.Null(command);
        Assert.NotNull(error);
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("core.empty-command", error.Code);
    }

    [Fact]
    public void FindsACommandByItsVerb()
    {
        var command = _registry.Find(" Pages ACK ");

        Assert.Equal("pages ack", command?.Verb);
    }

    [Fact]
    public void ListsCommandsInTheOrderTheyWereRegistered()
    {
        Assert.Equal(["team", "team create", "pages ack", "pages list", "deploy"], _registry.Commands.Select(c => c.Verb));
    }

    [Fact]
    public void TwoCommandsWithTheSameVerbAreRefusedAtConstruction()
    {
        var registrations = new[]
        {
            CommandRegistration.For<StartDeploymentCommand>(Deploy),
            CommandRegistration.For<ShipCommand>(Teams),
        };

        var exception = Assert.Throws<InvalidOperationException>(() => new CommandRegistry(registrations));

        Assert.Contains("'deploy'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("deploy and teams", exception.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<Token> Tokens(string text) => CommandLineParser.Parse(text).Tokens;
}

internal static class TestCommands
{
    public static CommandDefinition Define(string verb) => new(verb, $"The {verb} command.", Permission.Anyone("test.run"), []);

    public static Task<CommandResult> Answer(CommandDefinition definition) => Task.FromResult<CommandResult>(Reply.Text(definition.Verb));
}

internal sealed class ShowTeamCommand : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = TestCommands.Define("team");

    public Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken) => TestCommands.Answer(Definition);
}

internal sealed class CreateTeamCommand : ICommandHandler<CreateTeamArguments>
{
    public static CommandDefinition Definition { get; } = TestCommands.Define("team create");

    public Task<CommandResult> HandleAsync(CreateTeamArguments arguments, Actor actor, CancellationToken cancellationToken) => TestCommands.Answer(Definition);
}

internal sealed record CreateTeamArguments([Argument("The team's name.")] string Name);

internal sealed class AcknowledgePageCommand : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = TestCommands.Define("pages ack");

    public Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken) => TestCommands.Answer(Definition);
}

internal sealed class ListPagesCommand : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = TestCommands.Define("pages list");

    public Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken) => TestCommands.Answer(Definition);
}

internal sealed class StartDeploymentCommand : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = TestCommands.Define("deploy");

    public Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken) => TestCommands.Answer(Definition);
}

internal sealed class ShipCommand : ICommandHandler<NoArguments>
{
    public static CommandDefinition Definition { get; } = TestCommands.Define("deploy");

    public Task<CommandResult> HandleAsync(NoArguments arguments, Actor actor, CancellationToken cancellationToken) => TestCommands.Answer(Definition);
}
