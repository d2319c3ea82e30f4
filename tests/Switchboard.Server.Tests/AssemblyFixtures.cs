using Switchboard.Testing;

[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(KafkaMockCluster))]
[assembly: AssemblyFixture(typeof(WebhookReceiver))]
