using System.Globalization;
using Switchboard.Cli.Api;
using Switchboard.Core.Replies;

namespace Switchboard.Cli.FollowDeployment;

/// <summary>
/// The deployment a <c>deploy</c>, <c>promote</c> or <c>rollback</c> started, read from the reply's
/// <c>Deployment: #12</c> field rather than from its prose. A refusal, or an approval still awaited, has no such field.
/// </summary>
internal static class StartedDeployment
{
    private static readonly string[] StartingVerbs = ["deploy", "promote", "rollback"];

    public static long? NumberIn(IReadOnlyList<string> words, CommandReply reply) =>
        words.Count > 0
        && StartingVerbs.Contains(words[0], StringComparer.OrdinalIgnoreCase)
        && reply.Blocks?.OfType<FieldsBlock>().SelectMany(block => block.Fields).FirstOrDefault(field => field.Name == "Deployment") is { } field
        && long.TryParse(field.Value.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
