using System.Text.Json;

namespace Cerby.Operator.Connectors.GitHub;

/// <summary>GitHub's error body, <c>{"message","documentation_url","status","errors":[{"code","field","message"}]}</c>.</summary>
internal sealed record GitHubError(string Message, IReadOnlyList<string> Details)
{
    /// <summary>Reads the error body of <paramref name="response"/>; a body that is not one gives an empty message.</summary>
    public static async Task<GitHubError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new("", []);
            }

            var details = new List<string>();
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                {
                    details.Add(string.Join(' ', new[] { Text(error, "field"), Text(error, "code"), Text(error, "message") }.Where(t => t is not null)));
                }
            }

            return new(Text(root, "message") ?? "", details);
        }
        catch (JsonException)
        {
            return new("", []);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        Message.Length == 0 ? "no error message" : Details.Count == 0 ? Message : $"{Message} ({string.Join("; ", Details)})";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
