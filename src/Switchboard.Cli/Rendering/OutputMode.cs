namespace Switchboard.Cli.Rendering;

internal enum OutputMode
{
    /// <summary>Colours and layout, for a person at a terminal.</summary>
    Rich,

    /// <summary>The server's own plain-text rendering, exactly: for pipes, files and <c>--plain</c>.</summary>
    Plain,

    /// <summary>The body the server sent, untouched.</summary>
    Json,
}
