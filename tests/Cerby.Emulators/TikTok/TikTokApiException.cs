namespace Cerby.Emulators.TikTok;

/// <summary>A business error the emulator answers with HTTP 200 and a non-zero envelope <c>code</c> (reference section 1).</summary>
internal sealed class TikTokApiException(int code, string message) : Exception(message)
{
    /// <summary>The envelope code, e.g. 40002 PARAM_ERROR.</summary>
    public int Code { get; } = code;

    /// <summary>PARAM_ERROR: a missing or invalid parameter (also used for the member caps, whose real code is not documented).</summary>
    public static TikTokApiException Param(string message) => new(40002, message);

    /// <summary>NOT_EXIST: an unknown id.</summary>
    public static TikTokApiException NotExist(string message) => new(40007, message);
}
