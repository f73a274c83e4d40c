namespace Cerby.Operator.Cli;

/// <summary>Reads manifest files: YAML, then kind dispatch and checks, collecting every error of every file.</summary>
internal static class ManifestLoader
{
    /// <summary>The manifests, and the errors found (when there are any the set is incomplete and must not be planned).</summary>
    public static (ManifestSet Manifests, IReadOnlyList<ManifestError> Errors) Load(IEnumerable<ManifestFiles.Entry> files)
    {
        var manifests = new ManifestSet();
        var errors = new List<ManifestError>();
        foreach (var file in files)
        {
            var (documents, readErrors) = YamlManifestReader.Read(file.Display, File.ReadAllText(file.FullPath));
            errors.AddRange(readErrors);
            foreach (var document in documents)
            {
                var (value, decodeErrors) = ManifestDecoder.Decode(document);
                errors.AddRange(decodeErrors);
                if (value is not null)
                {
                    manifests.Add(value, document);
                }
            }
        }

        return (manifests, errors);
    }
}
