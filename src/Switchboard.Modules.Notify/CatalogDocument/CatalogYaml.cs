using Switchboard.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Switchboard.Modules.Notify.CatalogDocument;

/// <summary>The catalog as one YAML document: every service and every subscription, as people write them.</summary>
internal sealed class CatalogYaml
{
    public List<ServiceYaml> Services { get; set; } = [];

    public List<SubscriptionYaml> Subscriptions { get; set; } = [];

    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .Build();

    public static (CatalogYaml? Document, Error? Error) Read(string text)
    {
        try
        {
            return (Reader.Deserialize<CatalogYaml?>(text) ?? new CatalogYaml(), null);
        }
        catch (YamlException exception)
        {
            // The innermost message names the field; the outer one only says which object failed.
            var reason = (exception.InnerException as YamlException ?? exception).Message;
            return (null, Error.Invalid(
                "config.invalid-yaml",
                $"The document is not a catalog at line {exception.Start.Line}, column {exception.Start.Column}: {reason}"));
        }
    }

    public string Write() =>
        "# Switchboard's service catalog and subscriptions. `sb config apply -f <file> --dry-run` shows what applying it would change.\n"
        + Writer.Serialize(this);
}

internal sealed class ServiceYaml
{
    public string Name { get; set; } = "";

    public string Team { get; set; } = "";

    public string? Channel { get; set; }

    public List<string> Repos { get; set; } = [];

    public string? Pagerduty { get; set; }

    public string? Sentry { get; set; }

    public string? Rollbar { get; set; }

    public string? Librato { get; set; }
}

internal sealed class SubscriptionYaml
{
    public string Source { get; set; } = "";

    public string Scope { get; set; } = "";

    public List<string> Features { get; set; } = [];

    public string? Filter { get; set; }

    public string Channel { get; set; } = "";
}
