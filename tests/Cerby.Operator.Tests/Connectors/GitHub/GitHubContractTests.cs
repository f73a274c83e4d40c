namespace Cerby.Operator.Tests.Connectors.GitHub;

/// <summary>The shared connector contract, against the GitHub emulator (no suspend in GitHub, so not SuspendContractTests).</summary>
public sealed class GitHubContractTests(GitHubConnectorFixture peer) : ConnectorContractTests<GitHubConnectorFixture>(peer), IClassFixture<GitHubConnectorFixture>;
