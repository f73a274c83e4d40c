using System.Net;
using System.Net.Sockets;

namespace Cerby.Sandbox;

/// <summary>A free TCP port on 127.0.0.1, for a child process that needs its port on the command line.</summary>
internal static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
