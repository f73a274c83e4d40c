using System.Globalization;
using System.Net;

namespace Cerby.Operator.Hosting;

/// <summary>The host:port the probes and metrics listen on (":8080" means every interface).</summary>
internal static class OperatorAddress
{
    public static bool TryParse(string text, out IPEndPoint endPoint)
    {
        endPoint = new IPEndPoint(IPAddress.Any, 0);
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        IPAddress? address = host switch
        {
            "" or "0.0.0.0" or "*" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ => IPAddress.TryParse(host, out var parsed) ? parsed : null,
        };
        if (address is null)
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }
}
