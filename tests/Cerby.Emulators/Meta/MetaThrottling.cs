using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Cerby.Emulators.Meta;

/// <summary>Throttling answers as Meta sends them (reference sections 7 and 8): HTTP 400, the code, and a usage header.</summary>
internal static class MetaThrottling
{
    /// <summary>Sets the usage header that goes with <paramref name="fault"/> and returns the error to answer with.</summary>
    public static MetaGraphException Answer(MetaFault fault, string businessId, HttpResponse response)
    {
        var code = fault.Code;
        if (code is >= 80000 and <= 80014)
        {
            response.Headers["X-Business-Use-Case-Usage"] = string.Create(CultureInfo.InvariantCulture,
                $$"""{"{{businessId}}":[{"type":"{{(code == 80001 ? "pages" : "ads_management")}}","call_count":100,"total_cputime":100,"total_time":100,"estimated_time_to_regain_access":{{fault.RegainMinutes}}}]}""");
        }
        else if (code == 32)
        {
            response.Headers["X-Page-Usage"] = """{"call_count":100,"total_cputime":100,"total_time":100}""";
        }
        else
        {
            response.Headers["X-App-Usage"] = """{"call_count":100,"total_cputime":100,"total_time":100}""";
        }

        return new MetaGraphException(400, Message(code), code, code == 17 ? 2446079 : null);
    }

    private static string Message(int code) => code switch
    {
        4 => "(#4) Application request limit reached",
        17 => "(#17) User request limit reached",
        32 => "(#32) Page request limit reached",
        613 => "(#613) Calls to this api have exceeded the rate limit.",
        80001 => "(#80001) There have been too many calls to this Page account. Wait a bit and try again.",
        >= 80000 and <= 80014 => $"(#{code}) There have been too many calls to this ad-account. Wait a bit and try again.",
        _ => $"(#{code}) Request limit reached",
    };
}
