using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Commands;
using Switchboard.Server.Authentication;

namespace Switchboard.Server.Api.Commands;

internal static class ListCommandsEndpoint
{
    public static RouteHandlerBuilder MapListCommands(this RouteGroupBuilder api) =>
        api.MapGet("/commands", List)
            .WithName("ListCommands")
            .WithSummary("The catalogue of commands offered through the API, with argument schemas, examples and variants.");

    private static Ok<List<CommandDescription>> List(ClaimsPrincipal user, CommandRegistry registry)
    {
        var actor = PersonClaims.ActorFrom(user, FrontEnd.Api, AssuranceLevel.Identified);
        var commands = registry.Commands
            .Where(c => !c.Definition.NotOfferedOn.Contains(actor.FrontEnd))
            .Select(c => new CommandDescription(
                c.Verb,
                c.Definition.Summary,
                c.Usage,
                c.Module.Name,
                c.Module.OwningTeam,
                c.Definition.Permission.Least.Name,
                c.Definition.IsReadOnly,
                c.Signature.Arguments.Select(a => new ArgumentSchema(a.Name, a.Kind.ToString().ToLowerInvariant(), a.TypeName, a.IsRequired, a.TakesRest, a.Help)).ToList(),
                c.Definition.Examples,
                c.Definition.Variants,
                Enum.GetValues<FrontEnd>().Where(f => f != FrontEnd.System && !c.Definition.NotOfferedOn.Contains(f)).Select(f => f.ToString().ToLowerInvariant()).ToList()))
            .ToList();
        return TypedResults.Ok(commands);
    }
}

/// <param name="Variants">Command lines, one for each use that needs a different permission, assurance or approval, as <c>permissions</c> lists them.</param>
/// <param name="OfferedOn">The front ends that offer the command: <c>api</c>, <c>web</c>, <c>cli</c>, <c>slack</c>, <c>email</c>, <c>sms</c>.</param>
internal sealed record CommandDescription(
    string Verb,
    string Summary,
    string Usage,
    string Module,
    string OwningTeam,
    string Permission,
    bool IsReadOnly,
    IReadOnlyList<ArgumentSchema> Arguments,
    IReadOnlyList<string> Examples,
    IReadOnlyList<string> Variants,
    IReadOnlyList<string> OfferedOn);

/// <param name="Kind"><c>positional</c>, <c>option</c> or <c>flag</c>.</param>
internal sealed record ArgumentSchema(string Name, string Kind, string Type, bool Required, bool TakesRest, string Help);
