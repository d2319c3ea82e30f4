namespace Switchboard.EventLog;

/// <summary>
/// The sources under which Switchboard's own front ends log what people send them. Their consumers act as the people
/// these events name, trusting the front end's own verification, so no webhook source may log under one of them.
/// </summary>
public static class FrontEndSources
{
    public const string Slack = "slack";

    public static bool Includes(string source) => string.Equals(source, Slack, StringComparison.OrdinalIgnoreCase);
}
