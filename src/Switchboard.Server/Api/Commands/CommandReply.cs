using Switchboard.Core.Replies;

namespace Switchboard.Server.Api.Commands;

/// <summary>A reply as the API returns it: the portable blocks, and their plain-text rendering in <c>text</c>.</summary>
internal sealed record CommandReply(string Text, Severity Severity, IReadOnlyList<ReplyBlock> Blocks, string? ReplacesReplyId)
{
    public static CommandReply From(Reply reply) =>
        new(PlainTextRenderer.Render(reply), reply.Severity, reply.Blocks, reply.ReplacesReplyId);
}
