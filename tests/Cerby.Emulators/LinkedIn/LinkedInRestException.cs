using System.Text.Json.Nodes;

namespace Cerby.Emulators.LinkedIn;

/// <summary>An error answer in LinkedIn's shape: <c>{"message", "serviceErrorCode", "status"}</c>.</summary>
internal sealed class LinkedInRestException(int status, string message, int serviceErrorCode = 0) : Exception(message)
{
    public int Status { get; } = status;

    public JsonObject ToJson() => new()
    {
        ["message"] = Message,
        ["serviceErrorCode"] = serviceErrorCode == 0 ? Status : serviceErrorCode,
        ["status"] = Status,
    };
}
