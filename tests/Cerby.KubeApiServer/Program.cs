using System.Globalization;
using Cerby.KubeApiServer;

// Standalone: dotnet run --project tests/Cerby.KubeApiServer -- --port 8080 [--address 127.0.0.1] --kubeconfig /tmp/kubeconfig [--crds $PWD/crds] [--history 10000] [--log]
// (dotnet run starts it in its project folder, so relative paths resolve there: pass absolute ones.)
KubeApiServerOptions options;
try
{
    options = Parse(args);
}
catch (Exception error) when (error is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"{error.Message}\nusage: --port <p> [--address <ip>] --kubeconfig <file> [--crds <folder>] [--history <changes>] [--log]");
    return 2;
}

if (options.CrdDirectory is { } crds && !Directory.Exists(crds))
{
    Console.Error.WriteLine($"--crds: no folder {Path.GetFullPath(crds)} (dotnet run starts in the project folder: pass an absolute path)");
    return 2;
}

await using var server = await KubeApiServer.StartAsync(options);
Console.WriteLine($"Kubernetes API test server on {server.BaseUri}; kubeconfig: {server.KubeconfigPath} (Ctrl+C stops it)");
await server.WaitForShutdownAsync();
return 0;

static KubeApiServerOptions Parse(string[] args)
{
    var options = new KubeApiServerOptions();
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        options = args[i] switch
        {
            "--port" => options with { Port = int.Parse(Value(), CultureInfo.InvariantCulture) },
            "--address" => options with { Address = System.Net.IPAddress.Parse(Value()) },
            "--kubeconfig" => options with { KubeconfigPath = Path.GetFullPath(Value()) },
            "--crds" => options with { CrdDirectory = Value() },
            "--history" => options with { HistoryLimit = int.Parse(Value(), CultureInfo.InvariantCulture) },
            "--log" => options with { LogRequests = true },
            var unknown => throw new ArgumentException($"unknown option {unknown}"),
        };
    }

    return options;
}
