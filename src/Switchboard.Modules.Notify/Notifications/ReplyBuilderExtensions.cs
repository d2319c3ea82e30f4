using Switchboard.Core.Replies;

namespace Switchboard.Modules.Notify.Notifications;

/// <summary>Blocks that a payload may or may not have material for; without it, the block is left out.</summary>
internal static class ReplyBuilderExtensions
{
    public static ReplyBuilder LineIfAny(this ReplyBuilder reply, string? markdown) =>
        markdown is null ? reply : reply.Line(markdown);

    public static ReplyBuilder FieldsIfAny(this ReplyBuilder reply, params IEnumerable<(string Name, string? Value)> fields)
    {
        var present = fields.Where(f => f.Value is not null).Select(f => (f.Name, f.Value!)).ToList();
        return present.Count == 0 ? reply : reply.Fields(present);
    }

    public static ReplyBuilder LinkIfAny(this ReplyBuilder reply, string text, Uri? url) =>
        url is null ? reply : reply.Link(text, url);
}
