using System.Globalization;
using Switchboard.Cli.Api;
using Switchboard.Core.Replies;

namespace Switchboard.Cli.FollowDeployment;

/// <summary>
/// The deployment a <c>deploy</c>, <c>promote</c> or <c>rollback</c> started, read from the reply's
/// <c>Deployment: #12</c> field rather than from its prose. A refusal, or an approval still awaited, has no such field.
/// A production deploy that waited for its requester's second factor starts at their <c>verify</c>, whose reply holds
/// the resumed command's reply in a section of its own.
/// </summary>
internal static class StartedDeployment
{
    /// <summary>The refusal of a deployment that waits for a second person: nothing has started yet.</summary>
    public const string ApprovalRequired = "core.approval-required";

    /// <summary>What sb adds to that refusal: it is not over, and what starts it later.</summary>
    public const string WhileAwaitingApproval =
        "Not started: it waits for that approval. Once approved it starts as you, at once or, if it needs your second factor, "
        + "when you run 'sb verify <code>', which follows it; 'sb deploys' shows it either way.";

    private const string ResumingVerb = "verify";

    private static readonly string[] StartingVerbs = ["deploy", "promote", "rollback"];

    public static bool IsStarting(IReadOnlyList<string> words) =>
        words.Count > 0 && StartingVerbs.Contains(words[0], StringComparer.OrdinalIgnoreCase);

    public static long? NumberIn(IReadOnlyList<string> words, CommandReply reply) =>
        words.Count > 0
        && BlocksNamingTheStart(words[0], reply.Blocks ?? []).OfType<FieldsBlock>().SelectMany(block => block.Fields).FirstOrDefault(field => field.Name == "Deployment") is { } field
        && long.TryParse(field.Value.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static IEnumerable<ReplyBlock> BlocksNamingTheStart(string verb, IReadOnlyList<ReplyBlock> blocks) =>
        IsStarting([verb]) ? blocks
        : string.Equals(verb, ResumingVerb, StringComparison.OrdinalIgnoreCase) ? blocks.OfType<SectionBlock>().SelectMany(section => section.Blocks)
        : [];
}
