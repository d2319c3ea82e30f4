using Switchboard.Browser.Tests;
using Switchboard.Testing;

[assembly: AssemblyFixture(typeof(Chromium))]
[assembly: AssemblyFixture(typeof(WebhookReceiver))]
