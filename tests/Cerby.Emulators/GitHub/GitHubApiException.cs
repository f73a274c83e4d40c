using System.Globalization;
using System.Text.Json.Nodes;

namespace Cerby.Emulators.GitHub;

/// <summary>An error answer in GitHub's shape: <c>{message, documentation_url, status:"&lt;code&gt;"}</c>, plus <c>errors[]</c> on 422.</summary>
internal sealed class GitHubApiException(int status, string message, params (string Resource, string Code, string Message)[] errors) : Exception(message)
{
    public int Status => status;

    public JsonObject ToJson()
    {
        var body = new JsonObject
        {
            ["message"] = Message,
            ["documentation_url"] = "https://docs.github.com/rest",
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
        };
        if (errors.Length > 0)
        {
            body["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["resource"] = e.Resource, ["code"] = e.Code, ["message"] = e.Message })]);
        }

        return body;
    }
}
