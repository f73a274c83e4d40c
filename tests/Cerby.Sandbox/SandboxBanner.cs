namespace Cerby.Sandbox;

/// <summary>What to type to poke the running sandbox: its kubeconfig, kubectl commands, the SCIM app, the operator's endpoints.</summary>
internal static class SandboxBanner
{
    public static void Print(SandboxEnvironment sandbox, TextWriter output)
    {
        var ns = SandboxEnvironment.Namespace;
        output.WriteLine($"""

            The sandbox is up. In another shell:

              export KUBECONFIG={sandbox.KubeconfigPath}
              kubectl get cerby -n {ns}                       # hubs, shares, bindings, the IdP, with status
              kubectl describe businesshub scim-app -n {ns}   # conditions and Events
              kubectl get events -n {ns} -o custom-columns=REASON:.reason,OBJECT:.involvedObject.name,MESSAGE:.message
              kubectl edit teamshare marketing-editors -n {ns} # e.g. role: Viewer, and watch the app follow
              curl -s -H "Authorization: Bearer $(cat {sandbox.ScimTokenPath})" '{sandbox.Scim.ScimUrl}/Users'
              curl -s {sandbox.Operator.Url}metrics | grep '^cerby_'

            Okta emulator {sandbox.Okta.OrgUrl} (read-only API; change the org with the commands below)
            operator log  {sandbox.Operator.LogPath}
            Ctrl+C stops everything and deletes {sandbox.WorkDirectory}.
            """);
    }
}
