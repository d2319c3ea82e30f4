using System.Net.ServerSentEvents;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Switchboard.Cli.FollowDeployment;

/// <summary>What the live display shows: the deployment, its current step and its latest output lines.</summary>
internal sealed class LiveProgress(long id)
{
    private const int LatestLines = 10;
    private readonly Queue<string> _lines = new();
    private string _step = "waiting for the first step";

    public void Add(SseItem<string> item)
    {
        if (item.EventType == "step")
        {
            _step = item.Data;
            return;
        }

        _lines.Enqueue(item.Data);
        while (_lines.Count > LatestLines)
        {
            _lines.Dequeue();
        }
    }

    public IRenderable Render() =>
        new Panel(new Rows(
                new Markup($"[bold]… {Markup.Escape(_step)}[/]"),
                new Text(string.Join('\n', _lines), new Style(decoration: Decoration.Dim))))
            .Header($"Deployment #{id}")
            .Expand();
}
