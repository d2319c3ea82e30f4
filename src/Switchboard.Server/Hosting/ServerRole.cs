namespace Switchboard.Server.Hosting;

/// <summary>
/// <c>--role all</c> runs everything in one process (the embedded default); <c>web</c> serves HTTP and
/// <c>worker</c> consumes the event log, several of each sharing PostgreSQL.
/// </summary>
internal enum ServerRole
{
    All,
    Web,
    Worker,
}
