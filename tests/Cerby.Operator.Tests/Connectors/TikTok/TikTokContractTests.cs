namespace Cerby.Operator.Tests.Connectors.TikTok;

/// <summary>The shared connector contract, against the TikTok Business Center emulator (no suspend in TikTok).</summary>
public sealed class TikTokContractTests(TikTokConnectorFixture peer) : ConnectorContractTests<TikTokConnectorFixture>(peer), IClassFixture<TikTokConnectorFixture>;
