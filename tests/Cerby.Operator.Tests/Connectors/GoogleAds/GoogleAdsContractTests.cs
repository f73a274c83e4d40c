namespace Cerby.Operator.Tests.Connectors.GoogleAds;

/// <summary>The shared connector contract, against the Google Ads emulator (no suspend in Google Ads, so not SuspendContractTests).</summary>
public sealed class GoogleAdsContractTests(GoogleAdsConnectorFixture peer) : ConnectorContractTests<GoogleAdsConnectorFixture>(peer), IClassFixture<GoogleAdsConnectorFixture>;
