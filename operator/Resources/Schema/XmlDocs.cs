using System.Reflection;
using System.Text;
using System.Xml.Linq;

namespace Cerby.Operator.Resources.Schema;

/// <summary>The <c>&lt;summary&gt;</c> texts of an XML documentation file, the source of every CRD field description.</summary>
internal sealed class XmlDocs
{
    private static readonly char[] Whitespace = [' ', '\t', '\r', '\n'];

    private readonly Dictionary<string, string> _summaries;

    public XmlDocs(XDocument document)
    {
        _summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in document.Root?.Element("members")?.Elements("member") ?? [])
        {
            if (member.Attribute("name")?.Value is { } name && member.Element("summary") is { } summary)
            {
                _summaries[name] = Flatten(summary);
            }
        }
    }

    /// <summary>Loads the documentation file the compiler writes beside <paramref name="assembly"/>.</summary>
    public static XmlDocs ForAssembly(Assembly assembly)
    {
        // AppContext.BaseDirectory rather than Assembly.Location, which is empty in single-file apps. Test projects
        // copy the referenced project's documentation file into their own output directory.
        var path = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The XML documentation file {path} is missing; the CRD generator takes field descriptions from it. "
                + "Build the project with GenerateDocumentationFile enabled.",
                path);
        }

        return new XmlDocs(XDocument.Load(path));
    }

    /// <summary>The summary of a type, or null when it has none.</summary>
    public string? Summary(Type type) => Find("T:" + DocId(type));

    /// <summary>The summary of a property, as declared on its declaring type, or null when it has none.</summary>
    public string? Summary(PropertyInfo property) => Find("P:" + DocId(property.DeclaringType!) + "." + property.Name);

    private string? Find(string id) =>
        _summaries.TryGetValue(id, out var text) && text.Length > 0 ? text : null;

    // Documentation ids name generic types by their definition (CustomResource`2) and nested types with a dot.
    private static string DocId(Type type) =>
        (type.IsConstructedGenericType ? type.GetGenericTypeDefinition() : type).FullName!.Replace('+', '.');

    private static string Flatten(XElement summary)
    {
        var text = new StringBuilder();
        AppendText(summary, text);
        return string.Join(' ', text.ToString().Split(Whitespace, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void AppendText(XNode node, StringBuilder text)
    {
        switch (node)
        {
            case XText plain:
                text.Append(plain.Value);
                break;
            case XElement { Name.LocalName: "see" or "seealso" } reference when !reference.Nodes().Any():
                text.Append(reference.Attribute("langword")?.Value ?? ShortName(reference.Attribute("cref")?.Value ?? ""));
                break;
            case XElement { Name.LocalName: "paramref" or "typeparamref" } parameter:
                text.Append(parameter.Attribute("name")?.Value);
                break;
            case XElement element:
                foreach (var child in element.Nodes())
                {
                    AppendText(child, text);
                }

                break;
        }
    }

    // "T:Cerby.Operator.Resources.TeamShare" reads as "TeamShare", "M:Ns.Type.Method(System.String)" as "Method".
    private static string ShortName(string cref)
    {
        var name = cref.Split('(')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
