using Switchboard.Testing;

[assembly: AssemblyFixture(typeof(PostgresServer))]
