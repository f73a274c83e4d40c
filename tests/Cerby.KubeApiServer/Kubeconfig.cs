namespace Cerby.KubeApiServer;

/// <summary>
/// Writes a kubeconfig for the server: plain HTTP on loopback, namespace default. The server checks no credentials;
/// the token is there because KubernetesClient refuses a kubeconfig user without any.
/// </summary>
internal static class Kubeconfig
{
    public const string ContextName = "cerby-test";

    public static void Write(string path, Uri server)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {ContextName}
              cluster:
                server: {server.ToString().TrimEnd('/')}
            users:
            - name: {ContextName}
              user:
                token: not-checked-by-the-test-server
            contexts:
            - name: {ContextName}
              context:
                cluster: {ContextName}
                user: {ContextName}
                namespace: default
            current-context: {ContextName}

            """);
    }
}
