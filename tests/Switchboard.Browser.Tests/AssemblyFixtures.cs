using Switchboard.Browser.Tests;

[assembly: AssemblyFixture(typeof(Chromium))]
