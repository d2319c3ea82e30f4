namespace Switchboard.Data.Audit;

/// <summary>The <c>Audit</c> section: where the chain's newest hash is published outside the database.</summary>
internal sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>
    /// A file that holds the newest <c>sequence:hash</c>, replaced whole after every append batch;
    /// <c>audit verify</c> reads it. Keep it where the database's users cannot write.
    /// </summary>
    public string? HeadFile { get; set; }

    /// <summary>
    /// An endpoint that receives <c>{"text": "Audit chain head: n:hash", "sequence": n, "hash": "…"}</c> in a POST
    /// after every append batch: a Slack or Mattermost incoming webhook takes it as a message.
    /// </summary>
    public Uri? HeadWebhook { get; set; }
}
