using System.Text.Json.Nodes;
using Cerby.Operator.Cli;

namespace Cerby.Operator.Tests.Cli;

/// <summary>YAML to JSON: scalar typing by the YAML 1.2 core schema, documents, and the line of every field.</summary>
public sealed class YamlManifestReaderTests
{
    [Theory]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("null", "null")]
    [InlineData("~", "null")]
    [InlineData("", "null")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("2.5", "2.5")]
    [InlineData("1e3", "1000")]
    [InlineData("1e999", "\"1e999\"")]
    [InlineData("-1e999", "\"-1e999\"")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("\"42\"", "\"42\"")]
    [InlineData("'true'", "\"true\"")]
    [InlineData("!!str 42", "\"42\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("act_2874619305721846", "\"act_2874619305721846\"")]
    [InlineData("2026-05-01T09:00:00Z", "\"2026-05-01T09:00:00Z\"")]
    public void Plain_scalars_follow_the_core_schema_and_quoted_ones_are_strings(string yaml, string json)
    {
        var document = Assert.Single(Read($"value: {yaml}\n").Documents);

        Assert.Equal(json, document.Root["value"]?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Every_field_and_item_remembers_its_line()
    {
        var document = Assert.Single(Read("""
            # a comment
            kind: TeamShare
            spec:
              roles:
                - name: Admin

                - name: Editor
              "odd key": 1
            """).Documents);

        Assert.Equal(2, document.LineOf("kind"));
        Assert.Equal(5, document.LineOf("spec.roles[0]"));
        Assert.Equal(7, document.LineOf("spec.roles[1].name"));
        Assert.Equal(8, document.LineOf("spec[\"odd key\"]"));
        Assert.Equal(7, document.LineOf("spec.roles[1].missing"));
    }

    [Fact]
    public void Documents_are_split_and_empty_ones_skipped()
    {
        var (documents, errors) = Read("---\na: 1\n---\n# only a comment\n---\nb: 2\n---\n");

        Assert.Empty(errors);
        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], documents.Select(d => d.Root.ToJsonString()));
        Assert.Equal(6, documents[1].LineOf("b"));
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_an_error()
    {
        var (documents, errors) = Read("a: 1\n---\n- x\n");

        Assert.Single(documents);
        Assert.Equal("f.yaml:3: a document must be a mapping with apiVersion and kind", Assert.Single(errors).ToString());
    }

    [Theory]
    [InlineData("a: [1\n", 2)]
    [InlineData("a: 1\na: 2\n", 2)]
    [InlineData("a:\n  b: 1\n c: 2\n", 3)]
    public void Syntax_errors_give_the_line_and_no_exception(string yaml, int line)
    {
        var (documents, errors) = Read(yaml);

        Assert.Empty(documents);
        var error = Assert.Single(errors);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"f.yaml:{line}: YAML syntax: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Anchors_and_aliases_are_expanded()
    {
        var document = Assert.Single(Read("base: &tasks [MANAGE, ANALYZE]\ncopy: *tasks\n").Documents);

        Assert.True(JsonNode.DeepEquals(document.Root["base"], document.Root["copy"]));
    }

    private static (IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<ManifestError> Errors) Read(string yaml) =>
        YamlManifestReader.Read("f.yaml", yaml.ReplaceLineEndings("\n"));
}
