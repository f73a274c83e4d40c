namespace Cerby.Operator.Tests.Connectors.Meta;

/// <summary>The shared connector contract, against the Meta emulator (no suspend in Meta, so not SuspendContractTests).</summary>
public sealed class MetaContractTests(MetaConnectorFixture peer) : ConnectorContractTests<MetaConnectorFixture>(peer), IClassFixture<MetaConnectorFixture>;
