namespace Cerby.Operator.Tests.Connectors.LinkedIn;

/// <summary>The shared connector contract, against the LinkedIn emulator (no suspend in LinkedIn, so not SuspendContractTests).</summary>
public sealed class LinkedInContractTests(LinkedInConnectorFixture peer) : ConnectorContractTests<LinkedInConnectorFixture>(peer), IClassFixture<LinkedInConnectorFixture>;
