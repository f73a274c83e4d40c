using System.Text.Json.Nodes;

namespace Cerby.Emulators.GoogleAds;

/// <summary>
/// An error the emulator answers with, in the google.rpc Status envelope carrying one GoogleAdsFailure
/// (reference section 8): <c>{"error":{"code","message","status","details":[{"@type":…GoogleAdsFailure,"errors":[…],"requestId"}]}}</c>.
/// </summary>
internal sealed class GoogleAdsException(int httpStatus, string rpcStatus, string family, string value, string message) : Exception(message)
{
    /// <summary>The HTTP status.</summary>
    public int HttpStatus { get; } = httpStatus;

    /// <summary>The error family (the errorCode oneof key), e.g. customerUserAccessError.</summary>
    public string Family { get; } = family;

    /// <summary>The enum value, e.g. LAST_ADMIN_USER_OF_MANAGER.</summary>
    public string Value { get; } = value;

    /// <summary>Set on quota errors: the retryDelay of quotaErrorDetails.</summary>
    public TimeSpan? RetryDelay { get; init; }

    public static GoogleAdsException Invalid(string family, string value, string message) => new(400, "INVALID_ARGUMENT", family, value, message);

    public static GoogleAdsException Request(string value, string message) => Invalid("requestError", value, message);

    /// <summary>HTTP 429 RESOURCE_EXHAUSTED with quotaError and quotaErrorDetails.retryDelay.</summary>
    public static GoogleAdsException Quota(TimeSpan retryDelay, string value = "RESOURCE_TEMPORARILY_EXHAUSTED") =>
        new(429, "RESOURCE_EXHAUSTED", "quotaError", value, "Too many requests. Retry in " + (int)retryDelay.TotalSeconds + " seconds.") { RetryDelay = retryDelay };

    /// <summary>The error body for API version <paramref name="version"/>.</summary>
    public JsonObject ToJson(string version, string requestId)
    {
        var error = new JsonObject
        {
            ["errorCode"] = new JsonObject { [Family] = Value },
            ["message"] = Message,
            ["location"] = new JsonObject { ["fieldPathElements"] = new JsonArray(new JsonObject { ["fieldName"] = "operation" }) },
        };
        if (RetryDelay is { } delay)
        {
            error["details"] = new JsonObject
            {
                ["quotaErrorDetails"] = new JsonObject { ["rateScope"] = "ACCOUNT", ["rateName"] = "Requests per account", ["retryDelay"] = $"{(int)delay.TotalSeconds}s" },
            };
        }

        return new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = HttpStatus,
                ["message"] = HttpStatus == 400 ? "Request contains an invalid argument." : Message,
                ["status"] = rpcStatus,
                ["details"] = new JsonArray(new JsonObject
                {
                    ["@type"] = $"type.googleapis.com/google.ads.googleads.{version}.errors.GoogleAdsFailure",
                    ["errors"] = new JsonArray(error),
                    ["requestId"] = requestId,
                }),
            },
        };
    }
}
