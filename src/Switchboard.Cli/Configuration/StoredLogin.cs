using System.Text;

namespace Switchboard.Cli.Configuration;

/// <summary>What <c>sb login</c> keeps between runs: the server and the token that acts as you there.</summary>
internal sealed record StoredLogin(string Url, string Token)
{
    // A record prints every member; the token must never reach a terminal or a log, even by accident.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url);
        return true;
    }
}
