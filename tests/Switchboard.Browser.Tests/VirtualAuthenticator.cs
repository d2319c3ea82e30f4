using System.Text.Json;
using Microsoft.Playwright;

namespace Switchboard.Browser.Tests;

/// <summary>
/// Chromium's virtual authenticator (CTAP2 over USB, resident keys, user verification) attached to a browser's
/// page over the DevTools protocol: a security key that touches itself whenever a page asks.
/// </summary>
public sealed class VirtualAuthenticator
{
    private readonly ICDPSession _devTools;

    private VirtualAuthenticator(ICDPSession devTools, string id)
    {
        _devTools = devTools;
        Id = id;
    }

    public string Id { get; }

    public static async Task<VirtualAuthenticator> AttachAsync(ConsoleBrowser browser)
    {
        var devTools = await browser.Page.Context.NewCDPSessionAsync(browser.Page);
        await devTools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        return new VirtualAuthenticator(devTools, await AddAsync(devTools));
    }

    /// <summary>The credentials it holds, as the DevTools protocol describes them (id, private key, user handle, sign count).</summary>
    public async Task<IReadOnlyList<JsonElement>> CredentialsAsync()
    {
        var answer = await _devTools.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = Id });
        return [.. answer!.Value.GetProperty("credentials").EnumerateArray().Select(c => c.Clone())];
    }

    /// <summary>
    /// Another authenticator on the same page holding a copy of this one's credential whose counter starts again
    /// from <paramref name="signCount"/>, as a cloned key's would; this one is removed.
    /// </summary>
    public async Task<VirtualAuthenticator> CloneAsync(uint signCount)
    {
        var original = (await CredentialsAsync()).Single();
        await _devTools.SendAsync("WebAuthn.removeVirtualAuthenticator", new Dictionary<string, object> { ["authenticatorId"] = Id });
        var clone = new VirtualAuthenticator(_devTools, await AddAsync(_devTools));
        await _devTools.SendAsync("WebAuthn.addCredential", new Dictionary<string, object>
        {
            ["authenticatorId"] = clone.Id,
            ["credential"] = new Dictionary<string, object>
            {
                ["credentialId"] = original.GetProperty("credentialId").GetString()!,
                ["isResidentCredential"] = true,
                ["rpId"] = original.GetProperty("rpId").GetString()!,
                ["privateKey"] = original.GetProperty("privateKey").GetString()!,
                ["userHandle"] = original.GetProperty("userHandle").GetString()!,
                ["signCount"] = signCount,
            },
        });
        return clone;
    }

    private static async Task<string> AddAsync(ICDPSession devTools)
    {
        var added = await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "usb",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return added!.Value.GetProperty("authenticatorId").GetString()!;
    }
}
