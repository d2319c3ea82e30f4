using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Security;

namespace Switchboard.Modules.Trust.ReportSuspectActions;

/// <summary>
/// The core's <see cref="ISecurityFeed"/>: a report is queued for <see cref="PostSuspectActions"/> and never
/// waits for the database, so it cannot slow, block or fail the command that made it.
/// </summary>
internal sealed class SecurityChannelFeed(SuspectActionQueue queue, IOptions<TrustOptions> options, ILogger<SecurityChannelFeed> logger) : ISecurityFeed
{
    public void Report(SuspectAction action)
    {
        if (string.IsNullOrWhiteSpace(options.Value.SecurityChannel))
        {
            return;
        }

        if (!queue.TryAdd(action))
        {
            logger.SuspectActionDropped(action.Kind, action.Who);
        }
    }
}
