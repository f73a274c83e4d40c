using Cerby.Emulators.Scim;
using Cerby.Operator.Tests.Cli;

namespace Cerby.Operator.Tests.Connectors.Scim;

/// <summary>Starts the real SCIM app (tests/scim-app/server.js under node) for tests, through the emulators' launcher.</summary>
internal static class ScimAppProcess
{
    public static Task<ScimAppServer> StartAsync(string token) =>
        ScimAppServer.StartAsync(Path.Combine(RepoPaths.Root, "tests", "scim-app"), token, TimeSpan.FromSeconds(30));
}
