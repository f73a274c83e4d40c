namespace Cerby.KubeApiServer.Tables;

/// <summary>Ages as kubectl prints them (apimachinery's HumanDuration): 45s, 3m20s, 5h, 2d3h, 40d.</summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan age)
    {
        var seconds = (long)age.TotalSeconds;
        if (seconds < 0)
        {
            return "0s";
        }

        var minutes = seconds / 60;
        var hours = seconds / 3600;
        return seconds switch
        {
            < 120 => $"{seconds}s",
            _ when minutes < 10 => seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s",
            _ when minutes < 180 => $"{minutes}m",
            _ when hours < 8 => minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m",
            _ when hours < 48 => $"{hours}h",
            _ when hours < 24 * 8 => hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h",
            _ when hours < 24 * 365 * 2 => $"{hours / 24}d",
            _ => $"{hours / 24 / 365}y",
        };
    }
}
