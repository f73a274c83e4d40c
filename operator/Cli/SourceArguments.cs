using System.Globalization;

namespace Cerby.Operator.Cli;

/// <summary>
/// Where <c>plan</c>, <c>explain</c> and <c>report</c> read from: a folder of manifests and snapshots (offline), or a
/// cluster (<c>--live</c>) with a pull request's manifests laid over it (<c>-f DIR</c>, repeatable).
/// </summary>
/// <param name="Folder">The folder (or file) of manifests and snapshots; offline only.</param>
/// <param name="Live">--live: read the declared resources, the IdPs and the apps from the cluster.</param>
/// <param name="Overlays">-f: folders or files of manifests that replace the cluster's objects of the same kind/namespace/name.</param>
/// <param name="Kubeconfig">--kubeconfig; null: KUBECONFIG, then ~/.kube/config.</param>
/// <param name="Context">--context; null: the kubeconfig's current context.</param>
/// <param name="Now">--now: the moment staleness is judged against; null means the system clock.</param>
internal sealed record SourceArguments(string? Folder, bool Live, IReadOnlyList<string> Overlays, string? Kubeconfig, string? Context, DateTimeOffset? Now)
{
    /// <summary>The usage lines of these options, for each command's help.</summary>
    public const string Usage = """
          <folder>                  offline: every *.yaml/*.yml below it (manifests plus IdentitySnapshot/AppSnapshot files)
          --live                    read the declared resources from the cluster, and the IdPs and apps through the
                                    operator's own identity sources and connectors (read-only calls; credentials from
                                    the Secrets the resources name, read with your kubeconfig)
          -f, --filename <dir>      with --live: manifests laid over the cluster's (a manifest replaces the cluster
                                    object of the same kind/namespace/name); repeatable
          --kubeconfig <file>       with --live (default: $KUBECONFIG, then ~/.kube/config)
          --context <name>          with --live: the kubeconfig context (default: its current context)
          --now <time>              judge staleness of group membership at this time (RFC 3339; default: now)
        """;

    /// <summary>Collects the options one argument at a time; each command parses its own options around it.</summary>
    internal sealed class Parser
    {
        private readonly List<string> _overlays = [];
        private string? _folder;
        private bool _live;
        private string? _kubeconfig;
        private string? _context;
        private DateTimeOffset? _now;

        /// <summary>
        /// Takes args[i] (and its value) when it is one of these options or the folder; returns false when it is not.
        /// Sets <paramref name="error"/> on a bad value.
        /// </summary>
        public bool TryTake(IReadOnlyList<string> args, ref int i, string command, out string? error)
        {
            error = null;
            var hasValue = i + 1 < args.Count;
            switch (args[i])
            {
                case "--live":
                    _live = true;
                    return true;
                case "-f" or "--filename" when hasValue:
                    _overlays.Add(args[++i]);
                    return true;
                case "--kubeconfig" when hasValue:
                    _kubeconfig = args[++i];
                    return true;
                case "--context" when hasValue:
                    _context = args[++i];
                    return true;
                case "--now" when hasValue:
                    if (!DateTimeOffset.TryParseExact(args[++i], "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    {
                        error = $"--now \"{args[i]}\" is not an RFC 3339 time such as 2026-05-01T09:00:00Z";
                    }

                    _now = parsed;
                    return true;
                case var arg when !arg.StartsWith('-') && _folder is null:
                    _folder = arg;
                    return true;
                case var arg when !arg.StartsWith('-'):
                    error = $"unexpected argument \"{arg}\"; {command} takes one folder";
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The arguments, or the usage error (a folder and --live exclude each other; one of them is needed).</summary>
        public (SourceArguments? Arguments, string? Error) Build()
        {
            if (_live && _folder is not null)
            {
                return (null, $"--live reads the cluster: give the pull request's manifests with -f {_folder}, not as a folder");
            }

            if (!_live && (_overlays.Count > 0 || _kubeconfig is not null || _context is not null))
            {
                return (null, "-f, --kubeconfig and --context need --live");
            }

            if (!_live && _folder is null)
            {
                return (null, "missing <folder> (or --live)");
            }

            return (new SourceArguments(_folder, _live, _overlays, _kubeconfig, _context, _now), null);
        }
    }
}
