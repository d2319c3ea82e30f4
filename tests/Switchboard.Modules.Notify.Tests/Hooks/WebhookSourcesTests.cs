using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Switchboard.Modules.Notify.Hooks;
using static Switchboard.Modules.Notify.Tests.Hooks.Deliveries;

namespace Switchboard.Modules.Notify.Tests.Hooks;

/// <summary>The sources configured under <c>Hooks:</c>: which are custom, and what a custom source's default service does before the append.</summary>
public sealed class WebhookSourcesTests
{
    private const string Secret = "ci's secret";

    private readonly WebhookSources _sources = new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Hooks:github:Secrets:0"] = "github's secret",
        ["Hooks:CI:Secrets:0"] = Secret,
        ["Hooks:CI:Service"] = " Storefront ",
        ["Hooks:change-control:Secrets:0"] = Secret,
        ["Hooks:retired:Service"] = "storefront",
    }).Build());

    [Fact]
    public void EveryConfiguredNameThatIsNoVendorsIsACustomSource()
    {
        Assert.Equal(["change-control", "ci"], _sources.CustomSources());
        Assert.False(_sources.IsCustom("github"));
        Assert.False(_sources.IsCustom("retired"));
    }

    [Fact]
    public void ACustomEventThatNamesNoServiceIsOrderedWithTheEventsOfTheSourcesDefaultService()
    {
        var unnamed = _sources.Verify("ci", Signed("""{"type":"deploy.finished","title":"v88"}"""), ReceivedAt);
        var named = _sources.Verify("ci", Signed("""{"type":"deploy.finished","title":"v88","service":"checkout"}"""), ReceivedAt);
        var noDefault = _sources.Verify("change-control", Signed("""{"title":"Freeze"}"""), ReceivedAt);

        Assert.Equal(("storefront", "checkout", (string?)null), (unnamed.OrderingKey, named.OrderingKey, noDefault.OrderingKey));
    }

    [Fact]
    public void ASecretAddedToTheConfigurationVerifiesFromTheReloadThatBringsIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Hooks:ci:Secrets:0"] = "retiring" }).Build();
        var sources = new WebhookSources(configuration);
        var before = sources.Verify("ci", Signed("""{"type":"deploy.finished"}"""), ReceivedAt);

        configuration["Hooks:ci:Secrets:1"] = Secret;
        configuration.Reload();
        var after = sources.Verify("ci", Signed("""{"type":"deploy.finished"}"""), ReceivedAt);

        Assert.Equal(("hooks.bad-signature", null), (before.Refusal?.Code, after.Refusal?.Code));
    }

    [Fact]
    public void AFrontEndsSourceIsNoWebhookSourceEvenWithASecret()
    {
        var sources = new WebhookSources(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Hooks:Slack:Secrets:0"] = Secret }).Build());

        var verdict = sources.Verify("slack", Signed("""{"type":"app_mention"}"""), ReceivedAt);

        Assert.Equal((false, (long?)null, "hooks.bad-signature"), (sources.IsCustom("slack"), sources.MaxBodyBytes("slack"), verdict.Refusal?.Code));
        Assert.Empty(sources.CustomSources());
    }

    private static Core.Events.WebhookRequest Signed(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = $"{ReceivedAt.ToUnixTimeSeconds()}";
        byte[] signed = [.. Encoding.UTF8.GetBytes($"msg_1.{timestamp}."), .. body];
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed);
        return Request(body, ("webhook-id", "msg_1"), ("webhook-timestamp", timestamp), ("webhook-signature", "v1," + Convert.ToBase64String(signature)));
    }
}
