using System.Net;
using System.Net.Sockets;

namespace ChatOpsSignin.EndToEndTests.Hosting;

/// <summary>A loopback port nobody listens on right now, for a bot whose public URL must be known before it starts.</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
